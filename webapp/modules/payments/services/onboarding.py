"""What the onboarding checklist asks of payments."""

from __future__ import annotations

from sqlalchemy import select

from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.payments.models import PaymentSettings


def payments_configured(store_id: int) -> bool:
    """Whether the merchant saved payment settings with at least one gateway switched on."""
    with store_scope(store_id):
        gateways = db.session.scalar(select(PaymentSettings.enabled_gateways)
                                     .where(PaymentSettings.store_id == store_id))
        return bool(gateways)
