"""Storefront product lists: scope, filters, sorting and keyset pagination, as product cards."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import partial

from sqlalchemy import and_, func, select, tuple_
from sqlalchemy.orm import aliased, selectinload

from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.catalog.models import (
    Product,
    ProductTranslation,
    Variant,
    VariantOption,
    collection_products,
    product_categories,
)
from webapp.modules.catalog.services.cursors import decode_cursor, encode_cursor
from webapp.modules.catalog.services.filters import ListingQuery
from webapp.modules.catalog.services.language import pick_texts
from webapp.modules.catalog.services.renditions import sources
from webapp.modules.catalog.services.search import search_condition
from webapp.modules.catalog.services.snapshots import image_url
from webapp.modules.inventory.services import availability

# With "in stock only", sold-out products are skipped in batches; a page may come out shorter
# rather than scan the whole store, and "Next" continues after the last product looked at.
STOCK_SCAN_ROUNDS = 4
MAX_FACET_VALUES = 300


@dataclass(frozen=True)
class Scope:
    """Which products a listing starts from: a category subtree, a collection, or all."""

    category_ids: frozenset[int] | None = None
    collection_id: int | None = None


@dataclass(frozen=True)
class ProductCard:
    id: int
    name: str
    slug: str
    price: Decimal
    price_varies: bool  # "from" price: the variants do not all cost the same
    compare_at_price: Decimal | None
    image_url: str | None
    image_alt: str
    sold_out: bool
    image_srcset: str = ""
    image_width: int = 0
    image_height: int = 0


@dataclass(frozen=True)
class ListingPage:
    cards: list[ProductCard]
    next_cursor: str | None


def _scoped(statement, scope: Scope, query: ListingQuery):
    statement = statement.where(Product.status == "active", Product.min_price.is_not(None))
    if scope.category_ids is not None:
        statement = statement.where(Product.id.in_(
            select(product_categories.c.product_id).where(product_categories.c.category_id.in_(scope.category_ids))))
    if scope.collection_id is not None:
        statement = statement.where(Product.id.in_(
            select(collection_products.c.product_id).where(collection_products.c.collection_id == scope.collection_id)))
    if query.q:
        statement = statement.where(search_condition(query.q))
    return statement


def _filtered(statement, query: ListingQuery):
    if query.price_min is not None:
        statement = statement.where(Product.min_price >= query.price_min)
    if query.price_max is not None:
        statement = statement.where(Product.min_price <= query.price_max)
    groups = query.option_groups()
    if groups:
        # One variant has to match every chosen option (size M *and* colour red, not M in blue).
        matching = select(Variant.product_id).where(*(
            Variant.id.in_(select(VariantOption.variant_id).where(VariantOption.name == name,
                                                                  VariantOption.value.in_(values)))
            for name, values in groups.items()))
        statement = statement.where(Product.id.in_(matching))
    return statement


def _sort_key(statement, sort: str, language: str, default_language: str):
    if sort == "name":
        chosen, default = aliased(ProductTranslation), aliased(ProductTranslation)
        statement = (statement
                     .outerjoin(chosen, and_(chosen.product_id == Product.id, chosen.language == language))
                     .outerjoin(default, and_(default.product_id == Product.id, default.language == default_language)))
        return statement, func.coalesce(func.nullif(chosen.name, ""), default.name, "")
    return statement, Product.created_at if sort == "newest" else Product.min_price


def _rows(query: ListingQuery, scope: Scope, language: str, default_language: str, cursor, limit: int):
    statement = _filtered(_scoped(select(Product), scope, query), query)
    statement, key = _sort_key(statement, query.sort, language, default_language)
    descending = query.sort in ("newest", "price_desc")
    if cursor is not None:
        boundary = tuple_(key, Product.id), tuple_(*cursor)
        statement = statement.where(boundary[0] < boundary[1] if descending else boundary[0] > boundary[1])
    order = (key.desc(), Product.id.desc()) if descending else (key.asc(), Product.id.asc())
    statement = (statement.add_columns(key.label("sort_key")).order_by(*order).limit(limit)
                 .options(selectinload(Product.translations), selectinload(Product.variants),
                          selectinload(Product.images)))
    return db.session.execute(statement).all()


def list_products(store_id: int, query: ListingQuery, scope: Scope, *, language: str, default_language: str,
                  per_page: int) -> ListingPage:
    """One page of the store's active products matching `query`, after `query.after`."""
    cursor = decode_cursor(query.after, query.sort)
    fetch = partial(_rows, query, scope, language, default_language)
    with store_scope(store_id):
        if query.in_stock:
            rows, stock, next_row = _in_stock_rows(store_id, fetch, cursor, per_page)
        else:
            rows = fetch(cursor, per_page + 1)
            next_row = rows[per_page - 1] if len(rows) > per_page else None
            rows = rows[:per_page]
            stock = _stock(store_id, [product for product, _key in rows])
    next_cursor = encode_cursor(query.sort, next_row[1], next_row[0].id) if next_row else None
    return ListingPage([_card(p, language, default_language, stock) for p, _key in rows], next_cursor)


def _in_stock_rows(store_id: int, fetch, cursor, per_page: int):
    kept, stock, last, exhausted, batch = [], {}, None, False, per_page * 2
    for _round in range(STOCK_SCAN_ROUNDS):
        rows = fetch(cursor, batch)
        stock.update(_stock(store_id, [product for product, _key in rows]))
        kept += [row for row in rows if not _sold_out(row[0], stock)]
        exhausted = len(rows) < batch
        if rows:
            last = rows[-1]
            cursor = (last[1], last[0].id)
        if exhausted or len(kept) > per_page:
            break
    if len(kept) > per_page:
        return kept[:per_page], stock, kept[per_page - 1]
    return kept, stock, (None if exhausted else last)


def _stock(store_id: int, products: list[Product]) -> dict[int, int | None]:
    item_ids = [v.inventory_item_id for p in products for v in p.variants if v.inventory_item_id]
    return availability(store_id, item_ids) if item_ids else {}


def _sold_out(product: Product, stock: dict[int, int | None]) -> bool:
    def available(variant) -> bool:
        if variant.inventory_item_id is None:
            return True
        quantity = stock.get(variant.inventory_item_id, 0)
        return quantity is None or quantity > 0
    return not any(available(v) for v in product.variants)


def _card(product: Product, language: str, default_language: str, stock: dict) -> ProductCard:
    texts = pick_texts(product.translations, language, default_language)
    cheapest = [v for v in product.variants if v.price == product.min_price]
    compare_at = max((v.compare_at_price for v in cheapest if v.compare_at_price), default=None)
    image = product.images[0] if product.images else None
    found = sources(image.key, image.width, image.height) if image else None
    varies = len({v.price for v in product.variants}) > 1
    return ProductCard(product.id, texts.name, texts.slug, product.min_price, varies, compare_at,
                       (found.src or image_url(image.thumb_key)) if image else None,
                       (image.alt if image else "") or texts.name, _sold_out(product, stock),
                       found.srcset if found else "", image.width if image else 0, image.height if image else 0)


def cards_for(store_id: int, products: list[Product], language: str, default_language: str) -> list[ProductCard]:
    """Cards for already loaded products (translations, variants and images eager-loaded)."""
    stock = _stock(store_id, products)
    return [_card(p, language, default_language, stock) for p in products]


def featured_products(store_id: int, limit: int = 8) -> list[Product]:
    """Newest featured active products of the store, ready for cards."""
    with store_scope(store_id):
        return list(db.session.scalars(
            select(Product).where(Product.status == "active", Product.featured.is_(True),
                                  Product.min_price.is_not(None))
            .order_by(Product.created_at.desc(), Product.id.desc()).limit(limit)
            .options(selectinload(Product.translations), selectinload(Product.variants),
                     selectinload(Product.images))))


def option_facets(store_id: int, query: ListingQuery, scope: Scope) -> dict[str, list[str]]:
    """Option values shoppers can filter by, among the products of this listing's scope."""
    products = _scoped(select(Product.id), scope, query)
    with store_scope(store_id):
        rows = db.session.execute(select(VariantOption.name, VariantOption.value).distinct()
                                  .where(VariantOption.product_id.in_(products))
                                  .order_by(VariantOption.name, VariantOption.value).limit(MAX_FACET_VALUES)).all()
    facets: dict[str, list[str]] = {}
    for name, value in rows:
        facets.setdefault(name, []).append(value)
    return facets
