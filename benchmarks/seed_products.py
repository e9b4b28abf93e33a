"""Bulk-create N products (2 variants each, texts in en/fr/de, stock) in store `acme` for benchmarks.

Plain multi-row INSERTs through the models' tables: 10,000 products take seconds, not minutes.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from sqlalchemy import func, insert, select

from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.catalog import models as catalog
from webapp.modules.inventory import models as inventory
from webapp.modules.inventory.services import default_location
from webapp.modules.tenancy.models import Store

CATEGORIES = ["Bench Apparel", "Bench Shoes", "Bench Home", "Bench Kitchen", "Bench Garden", "Bench Books",
              "Bench Toys", "Bench Sports"]
WORDS = ["Cotton", "Linen", "Wool", "Oak", "Steel", "Ceramic", "Classic", "Urban", "Alpine", "Coastal"]
NOUNS = ["Shirt", "Jacket", "Mug", "Lamp", "Chair", "Bowl", "Scarf", "Boot", "Kettle", "Planter"]
LANGUAGES = ("en", "fr", "de")
BATCH = 1000


def _insert_returning(model, rows: list[dict]) -> list[int]:
    """Multi-row INSERT returning the new ids in the order of `rows`."""
    statement = insert(model).returning(model.id, sort_by_parameter_order=True)
    return list(db.session.scalars(statement, rows))


def _categories(store_id: int) -> list[int]:
    existing = db.session.execute(
        select(catalog.CategoryTranslation.category_id, catalog.CategoryTranslation.slug)
        .where(catalog.CategoryTranslation.slug.like("bench-%"),
               catalog.CategoryTranslation.language == "en")).all()
    if existing:
        return [row.category_id for row in existing]
    ids = []
    for position, name in enumerate(CATEGORIES):
        category = catalog.Category(store_id=store_id, position=100 + position)
        db.session.add(category)
        db.session.flush()
        for language in LANGUAGES:
            db.session.add(catalog.CategoryTranslation(
                store_id=store_id, category_id=category.id, language=language, name=name,
                slug=f"{name.lower().replace(' ', '-')}" + ("" if language == "en" else f"-{language}")))
        ids.append(category.id)
    return ids


def seed(count: int) -> int:
    """Add products until store acme has `count` bench products; returns how many exist."""
    store = db.session.scalar(select(Store).where(Store.code == "acme"))
    with store_scope(store.id):
        categories = _categories(store.id)
        have = db.session.scalar(select(func.count()).select_from(catalog.ProductTranslation)
                                 .where(catalog.ProductTranslation.slug.like("bench-product-%"),
                                        catalog.ProductTranslation.language == "en"))
        location = default_location(store.id).id
        start = datetime.now(UTC) - timedelta(days=365)
        for first in range(have, count, BATCH):
            _batch(store.id, categories, location, first, min(count, first + BATCH), start)
            db.session.commit()
    return max(have, count)


def _batch(store_id, categories, location, first, last, start) -> None:
    numbers = range(first, last)
    products = [{"store_id": store_id, "status": "active", "featured": n % 97 == 0,
                 "option_names": ["size"], "min_price": _price(n), "created_at": start + timedelta(minutes=n),
                 "updated_at": start + timedelta(minutes=n), "search_text": _name(n).lower()} for n in numbers]
    product_ids = _insert_returning(catalog.Product, products)
    db.session.execute(insert(catalog.ProductTranslation), [
        {"store_id": store_id, "product_id": pid, "language": language, "name": _name(n),
         "slug": f"bench-product-{n}" + ("" if language == "en" else f"-{language}"),
         "description": f"<p>{_name(n)}: a benchmark product.</p>"}
        for pid, n in zip(product_ids, numbers, strict=True) for language in LANGUAGES])
    db.session.execute(catalog.product_categories.insert(), [
        {"product_id": pid, "category_id": categories[n % len(categories)]}
        for pid, n in zip(product_ids, numbers, strict=True)])
    _variants(store_id, location, product_ids, numbers)


def _variants(store_id, location, product_ids, numbers) -> None:
    skus = [(pid, n, size) for pid, n in zip(product_ids, numbers, strict=True) for size in ("M", "L")]
    item_ids = _insert_returning(inventory.InventoryItem, [
        {"store_id": store_id, "sku": f"BENCH-{n}-{size}", "track_stock": True} for _pid, n, size in skus])
    items = {f"BENCH-{n}-{size}": item_id for (_pid, n, size), item_id in zip(skus, item_ids, strict=True)}
    db.session.execute(insert(inventory.StockLevel), [
        {"store_id": store_id, "item_id": items[f"BENCH-{n}-{size}"], "location_id": location,
         "quantity": 0 if n % 50 == 0 else 25} for _pid, n, size in skus])
    variant_ids = _insert_returning(catalog.Variant, [
        {"store_id": store_id, "product_id": pid, "sku": f"BENCH-{n}-{size}", "options": {"size": size},
         "price": _price(n) + (Decimal("2.00") if size == "L" else 0), "position": 0 if size == "M" else 1,
         "inventory_item_id": items[f"BENCH-{n}-{size}"]} for pid, n, size in skus])
    variants = {f"BENCH-{n}-{size}": vid for (_pid, n, size), vid in zip(skus, variant_ids, strict=True)}
    db.session.execute(insert(catalog.VariantOption), [
        {"store_id": store_id, "variant_id": variants[f"BENCH-{n}-{size}"], "product_id": pid, "name": "size",
         "value": size} for pid, n, size in skus])


def _name(n: int) -> str:
    return f"{WORDS[n % len(WORDS)]} {NOUNS[(n // len(WORDS)) % len(NOUNS)]} {n}"


def _price(n: int) -> Decimal:
    return Decimal(5 + (n * 37) % 195) + Decimal("0.90")
