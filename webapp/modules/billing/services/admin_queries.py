"""What the admin's billing pages read: tiers with their subscriber counts, subscriptions filtered and
paged, one subscription with its invoices. Platform admins pass their `platform_ids`; None = every platform."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from webapp.extensions import db
from webapp.modules.billing.models import SUBSCRIPTION_STATES, Invoice, Subscription, Tier
from webapp.modules.billing.services.invoicing import prorated
from webapp.modules.tenancy import services as tenancy

PER_PAGE = 20
# States whose subscription brings money in every month (a trial, a pause, a cancellation bring none).
PAYING_STATES = ("active", "past_due", "restricted")


def mrr_cents(subscription: Subscription) -> int:
    """What the subscription brings in per month: the monthly price, a twelfth of the yearly one."""
    if subscription.state not in PAYING_STATES:
        return 0
    tier = subscription.tier
    if subscription.interval == "year":
        return prorated(tier.yearly_price_cents, 1, 12)
    return tier.monthly_price_cents


@dataclass(frozen=True)
class TierRow:
    tier: Tier
    subscribers: int


def admin_tiers(platform_id: int) -> list[TierRow]:
    """The platform's tiers in their order with how many subscriptions each has (two queries)."""
    tiers = list(db.session.scalars(select(Tier).where(Tier.platform_id == platform_id)
                                    .order_by(Tier.position, Tier.monthly_price_cents, Tier.id)))
    counts = dict(db.session.execute(select(Subscription.tier_id, func.count()).where(
        Subscription.platform_id == platform_id).group_by(Subscription.tier_id)).all())
    return [TierRow(tier, counts.get(tier.id, 0)) for tier in tiers]


def tier_for_admin(tier_id: int, platform_ids: list[int] | None) -> Tier | None:
    tier = db.session.get(Tier, tier_id)
    if tier is None or (platform_ids is not None and tier.platform_id not in platform_ids):
        return None
    return tier


def tiers_of_platforms(platform_ids: list[int] | None) -> list[Tier]:
    """Every tier the admin may filter on, in one query."""
    query = select(Tier).order_by(Tier.platform_id, Tier.position, Tier.id)
    if platform_ids is not None:
        query = query.where(Tier.platform_id.in_(platform_ids))
    return list(db.session.scalars(query))


def search_subscriptions(platform_ids: list[int] | None, *, platform_id: int | None = None,
                         tier_id: int | None = None, state: str = "", term: str = "", page: int = 1):
    """One page of subscriptions, newest first, with their tiers loaded (a constant number of queries)."""
    query = select(Subscription).options(selectinload(Subscription.tier)).order_by(Subscription.id.desc())
    if platform_ids is not None:
        query = query.where(Subscription.platform_id.in_(platform_ids))
    if platform_id is not None:
        query = query.where(Subscription.platform_id == platform_id)
    if tier_id is not None:
        query = query.where(Subscription.tier_id == tier_id)
    if state in SUBSCRIPTION_STATES:
        query = query.where(Subscription.state == state)
    if term.strip():
        query = query.where(Subscription.merchant_id.in_(tenancy.merchants_named(term)))
    return db.paginate(query, page=page, per_page=PER_PAGE, error_out=False)


def subscription_for_admin(subscription_id: int, platform_ids: list[int] | None) -> Subscription | None:
    subscription = db.session.get(Subscription, subscription_id)
    if subscription is None or (platform_ids is not None and subscription.platform_id not in platform_ids):
        return None
    return subscription


def subscription_invoices(subscription_id: int) -> list[Invoice]:
    """The subscription's invoices and credit notes, newest first."""
    return list(db.session.scalars(select(Invoice).where(Invoice.subscription_id == subscription_id)
                                   .order_by(Invoice.issued_at.desc(), Invoice.id.desc())))


def merchant_subscriptions(merchant_id: int, platform_ids: list[int] | None) -> list[Subscription]:
    query = (select(Subscription).options(selectinload(Subscription.tier))
             .where(Subscription.merchant_id == merchant_id).order_by(Subscription.platform_id))
    if platform_ids is not None:
        query = query.where(Subscription.platform_id.in_(platform_ids))
    return list(db.session.scalars(query))
