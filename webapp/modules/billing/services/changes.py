"""Changing a subscription: upgrade at once with proration by day, downgrade at the period end,
cancel at the period end. Every change can be previewed first; the invoice an upgrade issues has
exactly the preview's lines (the same function computes both)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import gettext as _

from webapp.extensions import db
from webapp.modules.billing.exceptions import ChangeRefused
from webapp.modules.billing.models import Invoice, Subscription, Tier
from webapp.modules.billing.services import clock
from webapp.modules.billing.services.entitlements import invalidate_after_commit
from webapp.modules.billing.services.invoicing import LineDraft, issue_invoice, prorated, totals, vat_for
from webapp.modules.billing.services.subscriptions import get_subscription
from webapp.modules.billing.services.usage import usage
from webapp.modules.tenancy import services as tenancy


@dataclass(frozen=True)
class UsageProblem:
    limit: str
    used: int
    allowed: int


@dataclass(frozen=True)
class ChangePreview:
    subscription_id: int
    current: Tier
    new: Tier
    kind: str  # "upgrade" (now, prorated) | "downgrade" (at the period end) | "trial" (now, nothing to pay)
    effective_at: datetime
    lines: tuple[LineDraft, ...] = ()
    days_left: int = 0
    period_days: int = 0
    subtotal_cents: int = 0
    vat_cents: int = 0
    total_cents: int = 0
    vat_rate: object = 0
    vat_treatment: str = "domestic"
    problems: tuple[UsageProblem, ...] = field(default_factory=tuple)

    @property
    def allowed(self) -> bool:
        return not self.problems


def _days(start: datetime, end: datetime) -> int:
    return (end.date() - start.date()).days


def _tier_for(subscription: Subscription, tier_id: int) -> Tier:
    tier = db.session.get(Tier, tier_id)
    if tier is None or tier.platform_id != subscription.platform_id:
        raise ChangeRefused("unknown_tier")
    if tier.id == subscription.tier_id:
        raise ChangeRefused("same_tier")
    if tier.status != "active":
        raise ChangeRefused("retired_tier")
    if tier.currency != subscription.tier.currency:
        raise ChangeRefused("currency")
    return tier


def _usage_problems(subscription: Subscription, tier: Tier) -> tuple[UsageProblem, ...]:
    """What the merchant's stores use beyond `tier`'s blocking limits (to remove before a downgrade)."""
    problems = []
    store_ids = tenancy.merchant_store_ids(subscription.merchant_id, subscription.platform_id)
    for limit, spec in (tier.limits or {}).items():
        allowed = spec.get("value")
        if allowed is None or spec.get("policy", "block") != "block":
            continue
        used = max((usage(store_id, limit) for store_id in store_ids), default=0)
        if used > allowed:
            problems.append(UsageProblem(limit, used, allowed))
    return tuple(problems)


def preview_change(subscription_id: int, tier_id: int) -> ChangePreview:
    """What changing to `tier_id` would do now: the exact invoice lines of an upgrade, or when a
    downgrade applies and what must be removed first."""
    subscription = get_subscription(subscription_id)
    new = _tier_for(subscription, tier_id)
    current, now = subscription.tier, clock.now()
    interval = subscription.interval
    if subscription.state == "trialing":
        return ChangePreview(subscription.id, current, new, "trial", now,
                             problems=_usage_problems(subscription, new))
    if new.price_cents(interval) <= current.price_cents(interval):
        return ChangePreview(subscription.id, current, new, "downgrade", subscription.current_period_end,
                             problems=_usage_problems(subscription, new))
    days_left = _days(now, subscription.current_period_end)
    period_days = max(1, _days(subscription.current_period_start, subscription.current_period_end))
    old_price, new_price = current.price_cents(interval), new.price_cents(interval)
    lines = (
        LineDraft(_("Unused time on %(tier)s (%(days)s of %(total)s days)", tier=current.name, days=days_left,
                    total=period_days), old_price, -prorated(old_price, days_left, period_days), current.id,
                  days_left, period_days),
        LineDraft(_("Remaining time on %(tier)s (%(days)s of %(total)s days)", tier=new.name, days=days_left,
                    total=period_days), new_price, prorated(new_price, days_left, period_days), new.id,
                  days_left, period_days),
    )
    decision = vat_for(subscription.platform_id, subscription.merchant_id, at=now)
    subtotal, vat = totals(list(lines), decision)
    return ChangePreview(subscription.id, current, new, "upgrade", now, lines, days_left, period_days, subtotal,
                         vat, subtotal + vat, decision.rate, decision.treatment)


@dataclass(frozen=True)
class ChangeOutcome:
    preview: ChangePreview
    invoice: Invoice | None = None  # an upgrade's prorated invoice


def change_tier(subscription_id: int, tier_id: int, *, language: str = "en") -> ChangeOutcome:
    """Apply the change `preview_change` describes (ChangeRefused when usage is beyond a lower tier)."""
    preview = preview_change(subscription_id, tier_id)
    if not preview.allowed:
        raise ChangeRefused("usage", problems=preview.problems)
    subscription = get_subscription(subscription_id)
    invoice = None
    if preview.kind == "downgrade":
        subscription.scheduled_tier_id = preview.new.id
    else:
        if preview.kind == "upgrade" and preview.lines:
            start, end = subscription.current_period_start.date(), subscription.current_period_end.date()
            invoice = issue_invoice(subscription.platform_id, subscription.merchant_id, list(preview.lines),
                                    key=f"upgrade:{subscription.id}:{preview.current.id}-{preview.new.id}:"
                                        f"{preview.effective_at.isoformat()}",
                                    currency=preview.new.currency, subscription_id=subscription.id,
                                    period=(start, end), language=language)
        subscription.tier_id = preview.new.id
        subscription.scheduled_tier_id = None
    db.session.flush()
    invalidate_after_commit()
    return ChangeOutcome(preview, invoice)


def cancel_scheduled_change(subscription_id: int) -> Subscription:
    subscription = get_subscription(subscription_id)
    subscription.scheduled_tier_id = None
    db.session.flush()
    return subscription


def cancel(subscription_id: int, reason: str) -> Subscription:
    """Cancel at the end of the period (the merchant keeps everything until then)."""
    subscription = get_subscription(subscription_id)
    if subscription.state == "cancelled":
        raise ChangeRefused("already_cancelled")
    reason = " ".join((reason or "").split())
    if not reason or len(reason) > 500:
        raise ChangeRefused("reason")
    subscription.cancel_at_period_end, subscription.cancel_reason = True, reason
    db.session.flush()
    return subscription


def keep(subscription_id: int) -> Subscription:
    """Undo a cancellation that has not taken effect yet."""
    subscription = get_subscription(subscription_id)
    if subscription.state == "cancelled":
        raise ChangeRefused("already_cancelled")
    subscription.cancel_at_period_end, subscription.cancel_reason = False, ""
    db.session.flush()
    return subscription
