"""Shared steps of the store billing page tests: the judged day-15 subscription, a manager, fresh rows."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from webapp.extensions import db
from webapp.modules.billing.models import Invoice, Subscription
from webapp.modules.core.models import AuditEntry

BILLING = "/store/acme/billing"


def on_day_15(subscription: Subscription) -> Subscription:
    """Day 15 of a 31-day period: 17 days left."""
    from webapp.modules.billing.services import now

    subscription.current_period_start = now() - timedelta(days=14)
    subscription.current_period_end = subscription.current_period_start + timedelta(days=31)
    db.session.commit()
    return subscription


def manager(store, email: str = "manager@acme.test"):
    """A manager of `store`: holds billing.view, not billing.manage."""
    from webapp.modules.tenancy.services import add_member, create_user

    user = create_user(email, "orion-demo")
    add_member(store.id, user.id, "manager")
    db.session.commit()
    return user


def fresh(subscription_id: int) -> Subscription:
    db.session.expire_all()
    return db.session.get(Subscription, subscription_id)


def state(subscription_id: int) -> tuple:
    row = fresh(subscription_id)
    return row.tier_id, row.scheduled_tier_id, row.cancel_at_period_end, row.cancel_reason, row.state


def invoices() -> list[Invoice]:
    db.session.expire_all()
    return list(db.session.scalars(select(Invoice).order_by(Invoice.id)))


def audit_actions(prefix: str = "billing.") -> list[str]:
    db.session.expire_all()
    return [e.action for e in db.session.scalars(select(AuditEntry).order_by(AuditEntry.id))
            if e.action.startswith(prefix)]
