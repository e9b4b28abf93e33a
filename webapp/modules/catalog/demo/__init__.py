"""Demo catalogs (SPEC §7): about 60 products in 7 categories for acme, a small menu for bistro.

Deterministic and idempotent: a store that already has products is left alone.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from sqlalchemy import func, select

from webapp.extensions import db
from webapp.framework.ports import tenant_directory
from webapp.framework.scoping import store_scope
from webapp.modules.catalog.demo.data import (
    BISTRO_CATEGORIES,
    BISTRO_DESCRIPTIONS,
    BISTRO_PRODUCTS,
    CATEGORIES,
    COLOURS,
    DESCRIPTIONS,
    OPTION_LABELS,
    OUTERWEAR,
    PRODUCTS,
    SOLD_OUT,
    SUBCATEGORY,
)
from webapp.modules.catalog.demo.images import colour_of, initials, picture, shape_for
from webapp.modules.catalog.models import Product, utcnow
from webapp.modules.catalog.services import (
    GroupInput,
    ProductInput,
    TextInput,
    VariantInput,
    add_image,
    create_category,
    create_product,
    save_labels,
)

ACME_LANGUAGES = ("en", "fr", "de")
BISTRO_LANGUAGES = ("fr", "en", "de")


def seed() -> list[str]:
    lines = []
    for code, build in (("acme", _acme), ("bistro", _bistro)):
        store = tenant_directory().store(code)
        if store is None:
            continue
        with store_scope(store.id):
            if db.session.scalar(select(func.count(Product.id))):
                lines.append(f"{code}: catalog already present")
                continue
            lines.append(f"{code}: {build(store)} products")
    return lines


def _texts(names, languages, descriptions=None, groups=None) -> dict[str, TextInput]:
    texts = {}
    for index, (language, name) in enumerate(zip(languages, names, strict=True)):
        description = descriptions[index].format(name=name, category=groups[index]) if descriptions else ""
        texts[language] = TextInput(name=name, description=description)
    return texts


def _variants(pattern: str, sku: str, price: Decimal, compare_at, number: int, sold_out: bool):
    def stock(step: int) -> int:
        return 0 if sold_out else (number * 7 + step * 3) % 23 + 2
    # Every third garment comes in two colours; the rest in one (keeps the seed fast).
    colours = COLOURS[number % len(COLOURS)][:2 if number % 3 == 0 else 1]
    if pattern == "sizes_colours":
        combos = [{"Size": s, "Colour": c} for c in colours for s in ("S", "M", "L")]
    elif pattern == "shoe_sizes":
        combos = [{"Size": str(size)} for size in range(40, 44)]
    elif pattern == "colours" and number % 3 == 1:
        combos = [{"Colour": c} for c in ("Natural", "Sand", "Charcoal")]
    else:
        combos = [{}]
    return [VariantInput(sku=f"{sku}-{'-'.join(o.values())}".rstrip("-").upper() if o else sku, price=price,
                         compare_at_price=compare_at, options=o, stock=stock(step))
            for step, o in enumerate(combos)]


def _pictures(store, product, shape: str, name: str, number: int) -> None:
    """One picture per colour the product comes in (on the first variant of that colour), else one."""
    firsts = {}
    for variant in product.variants:
        firsts.setdefault(variant.options.get("Colour"), variant.id)
    for colour, variant_id in firsts.items():
        add_image(store.id, product, picture(shape_for(shape, name), colour_of(colour, number), initials(name)),
                  alt=f"{name}, {colour}" if colour else name, variant_id=variant_id if colour else None)


def _acme(store) -> int:
    groups, count, now = {}, 0, utcnow()
    for position, (key, (names, _base, _pattern)) in enumerate(CATEGORIES.items()):
        groups[key] = create_category(store.id, GroupInput(_texts(names, ACME_LANGUAGES), position=position))
    parent, sub_names = SUBCATEGORY
    outerwear = create_category(store.id, GroupInput(_texts(sub_names, ACME_LANGUAGES), parent_id=groups[parent].id))
    for shelf, (key, (category_names, base, pattern)) in enumerate(CATEGORIES.items()):
        for number, names in enumerate(PRODUCTS[key]):
            price = Decimal(base + number * 3) + Decimal("0.90")
            compare_at = price + Decimal(10) if (count % 7 == 3) else None
            variants = _variants(pattern, f"{key[:3]}-{number + 1:02d}", price, compare_at, number,
                                 names[0] in SOLD_OUT)
            option_names = [name for name in ("Size", "Colour") if any(name in v.options for v in variants)]
            categories = [groups[key].id] + ([outerwear.id] if names[0] in OUTERWEAR else [])
            product = create_product(store.id, ProductInput(
                texts=_texts(names, ACME_LANGUAGES, DESCRIPTIONS, category_names), variants=variants,
                status="draft" if names[0] == "Doll's house" else "active", featured=number == 0,
                option_names=option_names, category_ids=categories))
            product.created_at = now - timedelta(hours=count)  # a stable "newest first" order
            _pictures(store, product, key, names[0], number + 2 * shelf)  # first products differ in tone too
            count += 1
    save_labels(store.id, _option_labels())
    db.session.flush()
    return count


def _option_labels() -> dict[tuple[str, str, str], str]:
    labels = {}
    for name, (name_labels, values) in OPTION_LABELS.items():
        for language, label in zip(("fr", "de"), name_labels, strict=True):
            labels[(language, name, "")] = label
        for value, value_labels in values.items():
            for language, label in zip(("fr", "de"), value_labels, strict=True):
                labels[(language, name, value)] = label
    return labels


def _bistro(store) -> int:
    groups = {key: create_category(store.id, GroupInput(_texts(names, BISTRO_LANGUAGES), position=position))
              for position, (key, names) in enumerate(BISTRO_CATEGORIES.items())}
    for number, (names, price, key) in enumerate(BISTRO_PRODUCTS):
        product = create_product(store.id, ProductInput(
            texts=_texts(names, BISTRO_LANGUAGES, BISTRO_DESCRIPTIONS, names), status="active",
            variants=[VariantInput(sku=f"BIS-{number + 1:02d}", price=Decimal(price), stock=20)],
            featured=number in (0, 5), category_ids=[groups[key].id]))
        _pictures(store, product, key, names[1], number)
    db.session.flush()
    return len(BISTRO_PRODUCTS)
