"""What other modules (cart, checkout, orders) need to know about a variant, in two queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.framework.storage import storage
from webapp.modules.catalog.models import Product, ProductImage, Variant
from webapp.modules.catalog.services.language import pick_texts
from webapp.modules.tenancy.services import store_languages

TITLE_SEPARATOR = " \u2013 "  # an en dash, as typeset titles use


@dataclass(frozen=True)
class VariantSnapshot:
    variant_id: int
    product_id: int
    sku: str
    product_name: str
    options: dict = field(hash=False)
    title: str
    price: Decimal
    compare_at_price: Decimal | None
    inventory_item_id: int | None
    image_url: str | None
    product_slug: str
    is_purchasable: bool


def variant_title(product_name: str, options: dict) -> str:
    """Product name, an en dash and the option values ("Trail shoe \u2013 42 / Blue")."""
    values = " / ".join(str(value) for value in options.values() if value)
    return f"{product_name}{TITLE_SEPARATOR}{values}" if values else product_name


def _image_key():
    # The variant's own image first, else the product's first image. (Two subqueries: SQLite
    # cannot order a correlated subquery by an outer column.)
    def first(condition):
        return (select(ProductImage.thumb_key).where(condition)
                .order_by(ProductImage.position, ProductImage.id).limit(1).correlate(Variant).scalar_subquery())
    return func.coalesce(first(ProductImage.variant_id == Variant.id),
                         first(ProductImage.product_id == Variant.product_id))


def image_url(key: str | None) -> str | None:
    if not key:
        return None
    try:
        return storage().url(key)
    except RuntimeError:  # local storage builds URLs with url_for: impossible in a job without SERVER_NAME
        return None


def variant_snapshots(store_id: int, variant_ids, language: str) -> dict[int, VariantSnapshot]:
    """Snapshots of the store's variants among `variant_ids` (foreign or unknown ids are left out)."""
    ids = {int(i) for i in variant_ids}
    if not ids:
        return {}
    default_language = store_languages(store_id).default
    with store_scope(store_id):
        rows = db.session.execute(
            select(Variant, _image_key())
            .where(Variant.id.in_(ids), Variant.store_id == store_id)
            .options(joinedload(Variant.product).selectinload(Product.translations))).all()
    snapshots = {}
    for variant, thumb_key in rows:
        product = variant.product
        texts = pick_texts(product.translations, language, default_language)
        snapshots[variant.id] = VariantSnapshot(
            variant_id=variant.id, product_id=product.id, sku=variant.sku, product_name=texts.name,
            options=dict(variant.options), title=variant_title(texts.name, variant.options), price=variant.price,
            compare_at_price=variant.compare_at_price, inventory_item_id=variant.inventory_item_id,
            image_url=image_url(thumb_key), product_slug=texts.slug, is_purchasable=product.status == "active")
    return snapshots
