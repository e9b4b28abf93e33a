"""Variants of a product: SKUs unique per store, option rows for filters, stock through inventory."""

from __future__ import annotations

from sqlalchemy import select

from webapp.extensions import db
from webapp.modules.catalog.exceptions import CatalogError, DuplicateSku, UnknownVariant
from webapp.modules.catalog.models import Product, Variant, VariantOption
from webapp.modules.catalog.services.inputs import VariantInput
from webapp.modules.inventory.services import ensure_item, set_on_hand


def normalise_sku(sku: str) -> str:
    return (sku or "").strip().upper()


def check_variants(product_id: int | None, existing_ids: set[int], variants: list[VariantInput]) -> None:
    """Refuse unknown variant ids, no variant at all, and SKUs used twice or by another product."""
    if any(v.id is not None and v.id not in existing_ids for v in variants):
        raise UnknownVariant("a variant does not belong to this product")
    kept = [v for v in variants if not v.remove]
    if not kept:
        raise CatalogError("a product needs at least one variant")
    seen: set[str] = set()
    for data in kept:
        sku = normalise_sku(data.sku)
        if sku in seen:
            raise DuplicateSku(sku)
        seen.add(sku)
    query = select(Variant.sku).where(Variant.sku.in_(seen))
    if product_id is not None:
        # This product's own variants either stay (their SKUs are in `seen` once) or are deleted first.
        query = query.where(Variant.product_id != product_id)
    clash = db.session.scalar(query.limit(1))
    if clash is not None:
        raise DuplicateSku(clash)


def sync_variants(store_id: int, product: Product, variants: list[VariantInput], *,
                  actor_id: int | None = None) -> None:
    """Make the product's variants match `variants` (checked by `check_variants`)."""
    existing = {v.id: v for v in product.variants}
    for data in variants:
        if data.remove and data.id is not None:
            product.variants.remove(existing[data.id])
    db.session.flush()  # free removed SKUs before another row takes one
    rows = []
    for position, data in enumerate(v for v in variants if not v.remove):
        variant = existing.get(data.id) if data.id is not None else None
        sku = normalise_sku(data.sku)
        # Look the stock item up before touching the variant: the query autoflushes.
        item_id = None
        if variant is None or variant.sku != sku or variant.inventory_item_id is None:
            item_id = ensure_item(store_id, sku).id
        is_new = variant is None
        if is_new:
            variant = Variant(store_id=store_id)
        variant.sku, variant.price, variant.compare_at_price = sku, data.price, data.compare_at_price
        variant.options, variant.position = dict(data.options), position
        if item_id is not None:
            variant.inventory_item_id = item_id
        if is_new:
            product.variants.append(variant)
        _sync_option_rows(store_id, product, variant)
        rows.append((variant, data, is_new))
    db.session.flush()
    for variant, data, is_new in rows:
        if data.stock is not None and not (is_new and data.stock == 0):  # a new item starts at zero
            set_on_hand(store_id, variant.inventory_item_id, data.stock,
                        reason="received" if is_new else "correction", actor_id=actor_id)
    product.min_price = min(variant.price for variant, _data, _new in rows)


def _sync_option_rows(store_id: int, product: Product, variant: Variant) -> None:
    # Update in place: replacing the rows would insert a (variant, name) twin before deleting the old one.
    current = {row.name: row for row in variant.option_values}
    for name, value in variant.options.items():
        row = current.pop(name, None)
        if row is None:
            variant.option_values.append(VariantOption(store_id=store_id, product_id=product.id, name=name,
                                                       value=value))
        else:
            row.value = value
    for row in current.values():
        variant.option_values.remove(row)
