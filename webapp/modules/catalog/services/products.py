"""Products: create, edit, publish, archive, delete; the dashboard's product list."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import selectinload

from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.catalog.exceptions import CatalogError, UnknownCategory
from webapp.modules.catalog.models import (
    PRODUCT_STATUSES,
    Category,
    Collection,
    Product,
    ProductTranslation,
    Variant,
    utcnow,
)
from webapp.modules.catalog.services.images import image_keys
from webapp.modules.catalog.services.inputs import ProductInput
from webapp.modules.catalog.services.search import build_search_text, like_condition
from webapp.modules.catalog.services.texts import PRODUCT_FIELDS, check_default_name, check_slugs, save_texts
from webapp.modules.catalog.services.variants import check_variants, sync_variants
from webapp.modules.tenancy.services import StoreLanguages, store_languages

PER_PAGE = 25


def get_product(store_id: int, product_id: int) -> Product | None:
    """A product of the store, with everything its edit page shows."""
    with store_scope(store_id):
        return db.session.scalar(select(Product).where(Product.id == product_id).options(
            selectinload(Product.translations), selectinload(Product.variants).selectinload(Variant.option_values),
            selectinload(Product.images), selectinload(Product.categories), selectinload(Product.collections)))


def create_product(store_id: int, data: ProductInput, *, actor_id: int | None = None) -> Product:
    """Create a product with its texts and variants; SKUs unique per store, slugs per language."""
    with store_scope(store_id):
        languages = store_languages(store_id)
        _check(languages, None, set(), data)
        # Empty collections up front: a new product's relationships then need no lazy loads.
        product = Product(store_id=store_id, translations=[], variants=[], images=[], categories=[], collections=[])
        db.session.add(product)
        _apply(store_id, languages, product, data, actor_id)
        return product


def update_product(store_id: int, product: Product, data: ProductInput, *, actor_id: int | None = None) -> Product:
    """Replace a product's texts, variants, categories and collections with `data`."""
    if product.store_id != store_id:
        raise CatalogError("the product belongs to another store")
    with store_scope(store_id):
        languages = store_languages(store_id)
        _check(languages, product.id, {v.id for v in product.variants}, data)
        _apply(store_id, languages, product, data, actor_id)
        return product


def _check(languages: StoreLanguages, product_id: int | None, variant_ids: set[int], data: ProductInput) -> None:
    # Everything that can fail is checked before the first write: nothing is half-saved.
    if data.status not in PRODUCT_STATUSES:
        raise CatalogError(f"unknown status {data.status!r}")
    check_default_name(languages, data.texts)
    check_slugs(languages, ProductTranslation, ProductTranslation.product_id, product_id, data.texts)
    check_variants(product_id, variant_ids, data.variants)


def _apply(store_id: int, languages: StoreLanguages, product: Product, data: ProductInput,
           actor_id: int | None) -> None:
    product.status, product.featured = data.status, data.featured
    product.option_names = [name for name in data.option_names if name]
    product.categories = _owned(Category, data.category_ids)
    product.collections = _owned(Collection, data.collection_ids)
    db.session.flush()
    save_texts(store_id, product, ProductTranslation, ProductTranslation.product_id, data.texts, PRODUCT_FIELDS,
               languages=languages)
    sync_variants(store_id, product, data.variants, actor_id=actor_id)
    product.search_text = build_search_text(product)
    product.updated_at = utcnow()
    db.session.flush()


def _owned(model, ids: list[int]) -> list:
    """The store's rows with these ids; a foreign or unknown id is refused, not ignored."""
    wanted = set(ids)
    if not wanted:
        return []
    rows = list(db.session.scalars(select(model).where(model.id.in_(wanted))))
    if len(rows) != len(wanted):
        raise UnknownCategory("unknown category or collection")
    return rows


def set_status(store_id: int, product_ids: list[int], status: str) -> int:
    """Publish, archive or unpublish several products of the store; how many changed (others' ids count 0)."""
    if status not in PRODUCT_STATUSES:
        raise CatalogError(f"unknown status {status!r}")
    if not product_ids:
        return 0
    with store_scope(store_id):
        result = db.session.execute(update(Product).where(Product.id.in_(product_ids))
                                    .values(status=status, updated_at=utcnow())
                                    .execution_options(synchronize_session="fetch"))
        return result.rowcount or 0


def delete_products(store_id: int, product_ids: list[int]) -> tuple[int, list[str]]:
    """Delete products of the store: how many, and the storage keys to remove after the commit."""
    if not product_ids:
        return 0, []
    with store_scope(store_id):
        products = db.session.scalars(select(Product).where(Product.id.in_(product_ids))
                                      .options(selectinload(Product.images))).all()
        keys = [key for product in products for image in product.images for key in image_keys(image)]
        for product in products:
            db.session.delete(product)
        db.session.flush()
        return len(products), keys


def search_products(store_id: int, *, term: str = "", status: str = "", page: int = 1, per_page: int = PER_PAGE):
    """The dashboard list: products of the store matching name or SKU, newest first."""
    query = (select(Product).options(selectinload(Product.translations), selectinload(Product.variants),
                                     selectinload(Product.images))
             .order_by(Product.created_at.desc(), Product.id.desc()))
    if term.strip():
        query = query.where(like_condition(term))
    if status in PRODUCT_STATUSES:
        query = query.where(Product.status == status)
    with store_scope(store_id):
        return db.paginate(query, page=page, per_page=per_page, error_out=False)
