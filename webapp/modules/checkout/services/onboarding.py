"""What the onboarding checklist asks of checkout."""

from __future__ import annotations

from sqlalchemy import select

from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.checkout.models import ShippingMethod


def shipping_configured(store_id: int) -> bool:
    """Whether the store offers a shipping method (its defaults appear once the merchant opens the settings)."""
    with store_scope(store_id):
        query = select(ShippingMethod.id).where(ShippingMethod.store_id == store_id, ShippingMethod.active.is_(True))
        return db.session.scalar(query.limit(1)) is not None
