"""What the onboarding checklist asks of the catalog."""

from __future__ import annotations

from sqlalchemy import select

from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.catalog.models import Product


def has_products(store_id: int) -> bool:
    """Whether the store has added at least one product (any status)."""
    with store_scope(store_id):
        return db.session.scalar(select(Product.id).where(Product.store_id == store_id).limit(1)) is not None
