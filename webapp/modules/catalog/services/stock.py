"""Stock as the catalog shows it (from inventory's public API), and item names for inventory."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.catalog.models import Product, Variant
from webapp.modules.catalog.services.language import pick_texts
from webapp.modules.catalog.services.snapshots import variant_title
from webapp.modules.inventory.services import StockFigures, stock_figures
from webapp.modules.tenancy.services import store_languages


@dataclass(frozen=True)
class ProductStock:
    """A product's stock over its variants: "12 in stock for 3 variants", out of stock, or not tracked."""

    available: int
    variants: int
    tracked: bool

    @property
    def state(self) -> str:
        """untracked | out | in — what the product list's badge says."""
        if not self.tracked:
            return "untracked"
        return "in" if self.available > 0 else "out"


def variant_figures(store_id: int, variants) -> dict[int, StockFigures]:
    """On hand, reserved and available per variant id, in one query."""
    items = {v.id: v.inventory_item_id for v in variants if v.inventory_item_id is not None}
    figures = stock_figures(store_id, set(items.values()))
    return {variant_id: figures[item_id] for variant_id, item_id in items.items() if item_id in figures}


def product_stock(store_id: int, products) -> dict[int, ProductStock]:
    """Stock per product of a list page, in one query for the whole page (no query per product)."""
    products = list(products)
    figures = variant_figures(store_id, [v for p in products for v in p.variants])
    summary = {}
    for product in products:
        rows = [figures[v.id] for v in product.variants if v.id in figures]
        tracked = [row for row in rows if row.tracked]
        summary[product.id] = ProductStock(sum(row.available or 0 for row in tracked), len(product.variants),
                                           bool(tracked))
    return summary


def item_labels(store_id: int, item_ids, *, language: str | None = None) -> dict[int, str]:
    """"Product, option values" per stock item id in `language` (else the store's default), in one query."""
    ids = {int(i) for i in item_ids}
    if not ids:
        return {}
    default_language = store_languages(store_id).default
    with store_scope(store_id):
        rows = db.session.scalars(
            select(Variant).where(Variant.store_id == store_id, Variant.inventory_item_id.in_(ids))
            .options(joinedload(Variant.product).selectinload(Product.translations))).unique().all()
    labels = {}
    for variant in rows:
        texts = pick_texts(variant.product.translations, language or default_language, default_language)
        labels[variant.inventory_item_id] = variant_title(texts.name, variant.options)
    return labels

