"""The operator's figures: monthly recurring revenue per currency, active subscriptions, trials, churn
over the last 30 days and subscriptions past due, for the platforms an admin sees."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import func, or_, select

from webapp.extensions import db
from webapp.modules.billing.models import Subscription, Tier
from webapp.modules.billing.services import clock
from webapp.modules.billing.services.admin_queries import PAYING_STATES
from webapp.modules.billing.services.invoicing import prorated

CHURN_DAYS = 30


@dataclass(frozen=True)
class BillingFigures:
    mrr_cents: dict[str, int] = field(default_factory=dict)  # currency -> cents per month
    active: int = 0
    trials: int = 0
    past_due: int = 0
    cancelled_in_period: int = 0
    active_at_start: int = 0

    @property
    def churn(self) -> Decimal | None:
        """Share of the subscriptions running at the period's start cancelled in it (None: none ran)."""
        if not self.active_at_start:
            return None
        return Decimal(self.cancelled_in_period) / Decimal(self.active_at_start)


def _scoped(query, platform_ids: list[int] | None):
    return query if platform_ids is None else query.where(Subscription.platform_id.in_(platform_ids))


def billing_figures(platform_ids: list[int] | None, *, at: datetime | None = None) -> BillingFigures:
    """The figures at `at` (default: billing's clock now), churn over the `CHURN_DAYS` before it.

    A subscription ran at the period's start when it was created before it and not cancelled by then.
    """
    at = at or clock.now()
    start = at - timedelta(days=CHURN_DAYS)
    mrr: dict[str, int] = {}
    # Counted per tier and interval, priced here: one row per price, however many subscriptions.
    paying = db.session.execute(_scoped(
        select(Tier.currency, Tier.monthly_price_cents, Tier.yearly_price_cents, Subscription.interval, func.count())
        .join(Tier, Tier.id == Subscription.tier_id).where(Subscription.state.in_(PAYING_STATES))
        .group_by(Tier.id, Tier.currency, Tier.monthly_price_cents, Tier.yearly_price_cents, Subscription.interval),
        platform_ids))
    for currency, monthly, yearly, interval, count in paying:
        each = prorated(yearly, 1, 12) if interval == "year" else monthly
        mrr[currency] = mrr.get(currency, 0) + each * count
    counts = dict(db.session.execute(_scoped(select(Subscription.state, func.count())
                                             .group_by(Subscription.state), platform_ids)).all())
    cancelled = db.session.scalar(_scoped(select(func.count()).select_from(Subscription).where(
        Subscription.cancelled_at.is_not(None), Subscription.cancelled_at > start,
        Subscription.cancelled_at <= at), platform_ids)) or 0
    running = db.session.scalar(_scoped(select(func.count()).select_from(Subscription).where(
        Subscription.created_at <= start,
        or_(Subscription.cancelled_at.is_(None), Subscription.cancelled_at > start)), platform_ids)) or 0
    return BillingFigures(mrr_cents=dict(sorted(mrr.items())), active=counts.get("active", 0),
                          trials=counts.get("trialing", 0), past_due=counts.get("past_due", 0),
                          cancelled_in_period=cancelled, active_at_start=running)
