"""Renewals: when a subscription's period ends (by billing's clock), what waited for the end applies and
the next period is invoiced.

At the end of a period, in this order: a cancellation (`cancel_at_period_end`) ends the subscription
(state `cancelled`, nothing invoiced); a scheduled downgrade becomes the tier; the next period starts
where the last ended and its invoice is issued at the tier's price for the interval, once per
subscription and period (`renewal:<subscription id>:<period start date>`). A subscription several
periods behind catches up one period at a time. Trials are not renewed here (their end is the trial's
business), nor paused or cancelled subscriptions. Re-running changes nothing: the row is locked while it
moves and every invoice has its key.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from webapp.extensions import db
from webapp.framework.i18n import format_date
from webapp.modules.billing.models import Invoice, Subscription, Tier
from webapp.modules.billing.services import clock
from webapp.modules.billing.services.entitlements import invalidate_after_commit
from webapp.modules.billing.services.invoicing import LineDraft, issue_invoice
from webapp.modules.billing.services.subscriptions import add_interval
from webapp.modules.tenancy import services as tenancy

RENEWED_STATES = ("active", "past_due", "restricted")
MAX_PERIODS_PER_RUN = 36  # a subscription years behind catches up over several runs, never loops forever


@dataclass
class RenewalReport:
    invoices: list[Invoice] = field(default_factory=list)
    cancelled: list[int] = field(default_factory=list)  # subscription ids
    downgraded: list[int] = field(default_factory=list)


def renewal_key(subscription_id: int, period_start: datetime) -> str:
    return f"renewal:{subscription_id}:{period_start.date().isoformat()}"


def invoice_language(subscription: Subscription) -> str:
    """The merchant's language for billing: that of its last invoice on the platform, else its first
    store's default language."""
    last = db.session.scalar(select(Invoice.language).where(
        Invoice.merchant_id == subscription.merchant_id, Invoice.platform_id == subscription.platform_id)
        .order_by(Invoice.issued_at.desc(), Invoice.id.desc()).limit(1))
    if last:
        return last
    store_ids = tenancy.merchant_store_ids(subscription.merchant_id, subscription.platform_id)
    return tenancy.store_languages(min(store_ids)).default if store_ids else "en"


def renewal_line(tier: Tier, interval: str, start: datetime, end: datetime, language: str) -> LineDraft:
    """The one line of a renewal invoice, written in the invoice's language."""
    price = tier.price_cents(interval)
    with force_locale(language):
        period = _("%(start)s to %(end)s", start=format_date(start.date()), end=format_date(end.date()))
        description = (_("%(tier)s, yearly plan (%(period)s)", tier=tier.name, period=period) if interval == "year"
                       else _("%(tier)s, monthly plan (%(period)s)", tier=tier.name, period=period))
    return LineDraft(description, price, price, tier.id)


def _due(platform_id: int | None, now: datetime):
    query = (select(Subscription.id).where(Subscription.state.in_(RENEWED_STATES),
                                           Subscription.current_period_end <= now)
             .order_by(Subscription.id))
    if platform_id is not None:
        query = query.where(Subscription.platform_id == platform_id)
    return list(db.session.scalars(query))


def renew_subscription(subscription_id: int, *, now: datetime | None = None,
                       report: RenewalReport | None = None) -> RenewalReport:
    """Move one subscription through every period that has ended by `now` (billing's clock)."""
    now = now or clock.now()
    report = report if report is not None else RenewalReport()
    subscription = db.session.scalar(select(Subscription).where(Subscription.id == subscription_id)
                                     .with_for_update().execution_options(populate_existing=True))
    if subscription is None:
        return report
    for _period in range(MAX_PERIODS_PER_RUN):
        if subscription.state not in RENEWED_STATES or _aware(subscription.current_period_end) > now:
            break
        end = _aware(subscription.current_period_end)
        if subscription.cancel_at_period_end:
            subscription.state, subscription.cancelled_at = "cancelled", end
            subscription.cancel_at_period_end, subscription.scheduled_tier_id = False, None
            report.cancelled.append(subscription.id)
            break
        if subscription.scheduled_tier_id is not None:
            subscription.tier_id, subscription.scheduled_tier_id = subscription.scheduled_tier_id, None
            report.downgraded.append(subscription.id)
        tier = db.session.get(Tier, subscription.tier_id)
        start, next_end = end, add_interval(end, subscription.interval)
        language = invoice_language(subscription)
        invoice = issue_invoice(subscription.platform_id, subscription.merchant_id,
                                [renewal_line(tier, subscription.interval, start, next_end, language)],
                                key=renewal_key(subscription.id, start), currency=tier.currency,
                                subscription_id=subscription.id, period=(start.date(), next_end.date()),
                                language=language)
        report.invoices.append(invoice)
        subscription.current_period_start, subscription.current_period_end = start, next_end
        db.session.flush()
    invalidate_after_commit()
    return report


def renew_due(platform_id: int | None = None) -> RenewalReport:
    """Renew every subscription (of one platform, or all) whose current period has ended. The caller
    commits; safe to re-run."""
    now = clock.now()
    report = RenewalReport()
    for subscription_id in _due(platform_id, now):
        renew_subscription(subscription_id, now=now, report=report)
    return report


def _aware(value: datetime) -> datetime:
    """SQLite gives naive datetimes back; they are UTC."""
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
