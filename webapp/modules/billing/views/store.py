"""What the merchant's billing pages show: the subscription overview, the plans side by side, the
invoice preview of a change, the usage meters, and the messages of a refused change."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from webapp.modules.billing.models import LIMITS
from webapp.modules.billing.views.modules import offered
from webapp.modules.billing.views.money import cents

STATE_BADGES = {"trialing": (_l("Trial"), "info"), "active": (_l("Active"), "success"),
                "past_due": (_l("Past due"), "warning"), "restricted": (_l("Restricted"), "danger"),
                "paused": (_l("Paused"), "danger"), "cancelled": (_l("Cancelled"), "muted")}
STATE_HINTS = {"past_due": _l("The last payment failed. We will try again; check your payment method."),
               "restricted": _l("Payment is overdue: you can use your store but not add anything new."),
               "paused": _l("Your store is paused: the storefront is closed until a payment method is added."),
               "cancelled": _l("Your subscription has ended.")}
INTERVALS = {"month": _l("a month"), "year": _l("a year")}
FEATURE_LABELS = {"catalog.collections": _l("Collections"), "catalog.bulk_actions": _l("Bulk editing"),
                  "inventory.multi_location": _l("Several stock locations"),
                  "inventory.low_stock_alerts": _l("Low stock alerts"), "loyalty.stamps": _l("Stamp cards"),
                  "loyalty.points": _l("Loyalty points"), "marketplace.import": _l("Marketplace import"),
                  "marketplace.feeds": _l("Marketplace feeds"), "analytics.advanced": _l("Advanced reports"),
                  "analytics.export": _l("Exports")}
REFUSALS = {"unknown_tier": _l("This plan does not exist on your platform. Choose one of the plans listed."),
            "same_tier": _l("You are already on this plan."),
            "retired_tier": _l("This plan is no longer offered. Choose one of the plans listed."),
            "currency": _l("This plan is sold in another currency and cannot replace yours."),
            "usage": _l("Your stores use more than this plan allows. Remove what is listed first."),
            "already_cancelled": _l("Your subscription has ended; it can no longer be changed."),
            "reason": _l("Tell us why you are cancelling, in at most 500 characters."),
            "stale": _l("The amount changed since you looked (a day has passed). Check the new preview."),
            "choose": _l("Choose a plan."), "nothing_scheduled": _l("No plan change is scheduled."),
            "not_cancelling": _l("Your subscription is not being cancelled."),
            "no_subscription": _l("Your store has no subscription on this platform.")}


def signed(amount_cents: int, currency: str = "EUR") -> str:
    """An invoice line's amount with its sign: a charge "+€43.32", a credit "-€15.90"."""
    return ("+" if amount_cents > 0 else "") + cents(amount_cents, currency)


def refusal(reason: str) -> str:
    return str(REFUSALS.get(reason, REFUSALS["unknown_tier"]))


def _days_until(moment: datetime | None, now: datetime) -> int:
    if moment is None:
        return 0
    if moment.tzinfo is None:  # SQLite gives back naive datetimes; billing stores UTC
        moment = moment.replace(tzinfo=UTC)
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    return max(0, math.ceil((moment - now).total_seconds() / 86400))


@dataclass(frozen=True)
class Overview:
    subscription_id: int
    tier_name: str
    price: str
    state: str
    state_label: str
    badge_kind: str
    hint: str
    period_start: datetime
    period_end: datetime
    trial_days_left: int | None
    scheduled_tier: str
    cancel_pending: bool
    cancel_reason: str
    payment_method: str

    @property
    def changeable(self) -> bool:
        return self.state != "cancelled"


def overview(subscription, now: datetime) -> Overview:
    tier = subscription.tier
    price = _("%(amount)s %(interval)s", amount=cents(tier.price_cents(subscription.interval), tier.currency),
              interval=INTERVALS.get(subscription.interval, ""))
    label, kind = STATE_BADGES.get(subscription.state, (subscription.state, "muted"))
    trial_left = None
    if subscription.state == "trialing":
        trial_left = _days_until(subscription.trial_ends_at, now)
        label = ngettext("Trial: %(num)d day left", "Trial: %(num)d days left", trial_left)
    scheduled = subscription.scheduled_tier.name if subscription.scheduled_tier_id else ""
    return Overview(subscription.id, tier.name, price, subscription.state, str(label), kind,
                    str(STATE_HINTS.get(subscription.state, "")), subscription.current_period_start,
                    subscription.current_period_end, trial_left, scheduled, bool(subscription.cancel_at_period_end),
                    subscription.cancel_reason or "", subscription.payment_method_label or "")


# --- plans -----------------------------------------------------------------------------------------

def limit_text(limit: str, value: int | None) -> str:
    if value is None:
        return {"products": _("Unlimited products"), "staff_seats": _("Unlimited team members"),
                "stores": _("Unlimited stores"), "orders_per_month": _("Unlimited orders"),
                "storage_mb": _("Unlimited storage"), "languages": _("Unlimited languages")}[limit]
    n = value
    return {"products": ngettext("Up to %(num)d product", "Up to %(num)d products", n),
            "staff_seats": ngettext("Up to %(num)d team member", "Up to %(num)d team members", n),
            "stores": ngettext("Up to %(num)d store", "Up to %(num)d stores", n),
            "orders_per_month": ngettext("Up to %(num)d order a month", "Up to %(num)d orders a month", n),
            "storage_mb": ngettext("Up to %(num)d MB of storage", "Up to %(num)d MB of storage", n),
            "languages": ngettext("Up to %(num)d language", "Up to %(num)d languages", n)}[limit]


def feature_label(code: str) -> str:
    label = FEATURE_LABELS.get(code)
    return str(label) if label else code.partition(".")[2].replace("_", " ").capitalize() or code


@dataclass(frozen=True)
class FeatureGroup:
    module: str
    features: tuple[str, ...]


@dataclass(frozen=True)
class PlanCard:
    id: int
    code: str
    name: str
    description: str
    monthly: str
    yearly: str
    trial_days: int
    limits: tuple[str, ...]
    features: tuple[FeatureGroup, ...]
    current: bool = False
    scheduled: bool = False


def _module_name(code: str) -> str:
    definition = current_app.extensions["orion.modules"].definitions.get(code)
    return definition.name if definition else code


def feature_groups(features) -> tuple[FeatureGroup, ...]:
    by_module: dict[str, list[str]] = {}
    for code in sorted(code for code in features or () if offered(code)):
        by_module.setdefault(code.partition(".")[0], []).append(feature_label(code))
    return tuple(FeatureGroup(_module_name(module), tuple(labels)) for module, labels in by_module.items())


def tier_limits(tier) -> tuple[str, ...]:
    limits = tier.limits or {}
    return tuple(limit_text(name, (limits.get(name) or {}).get("value")) for name in LIMITS)


def plan_card(tier, *, current_id: int | None = None, scheduled_id: int | None = None) -> PlanCard:
    return PlanCard(tier.id, tier.code, tier.name, tier.description or "", cents(tier.monthly_price_cents,
                    tier.currency), cents(tier.yearly_price_cents, tier.currency), tier.trial_days or 0,
                    tier_limits(tier), feature_groups(tier.features), tier.id == current_id, tier.id == scheduled_id)


def plan_cards(tiers, subscription) -> list[PlanCard]:
    """The offered tiers, and the current one even when it was retired since."""
    current_id = subscription.tier_id if subscription else None
    scheduled_id = subscription.scheduled_tier_id if subscription else None
    shown = list(tiers)
    if subscription is not None and all(t.id != current_id for t in shown):
        shown.insert(0, subscription.tier)
    return [plan_card(t, current_id=current_id, scheduled_id=scheduled_id) for t in shown]


# --- the preview of a change ---------------------------------------------------------------------

@dataclass(frozen=True)
class PreviewLine:
    description: str
    amount: str
    amount_cents: int


@dataclass(frozen=True)
class Problem:
    text: str
    used: int
    allowed: int


@dataclass(frozen=True)
class PreviewView:
    tier_id: int
    current_name: str
    new_name: str
    kind: str
    effective_at: datetime
    lines: tuple[PreviewLine, ...]
    subtotal: str
    vat: str
    vat_rate: str
    reverse_charge: bool
    total: str
    total_cents: int
    problems: tuple[Problem, ...]

    @property
    def allowed(self) -> bool:
        return not self.problems


def problem_text(limit: str, used: int, allowed: int) -> str:
    return {"products": _("Products: %(used)s in use, the plan allows %(allowed)s.", used=used, allowed=allowed),
            "staff_seats": _("Team members: %(used)s in use, the plan allows %(allowed)s.", used=used,
                             allowed=allowed),
            "stores": _("Stores: %(used)s in use, the plan allows %(allowed)s.", used=used, allowed=allowed),
            "orders_per_month": _("Orders this month: %(used)s, the plan allows %(allowed)s.", used=used,
                                  allowed=allowed),
            "storage_mb": _("Storage: %(used)s MB in use, the plan allows %(allowed)s MB.", used=used,
                            allowed=allowed),
            "languages": _("Languages: %(used)s in use, the plan allows %(allowed)s.", used=used,
                           allowed=allowed)}.get(limit, f"{limit}: {used} / {allowed}")


def preview_view(preview) -> PreviewView:
    currency = preview.new.currency
    lines = tuple(PreviewLine(line.description, signed(line.amount_cents, currency), line.amount_cents)
                  for line in preview.lines)
    rate = Decimal(preview.vat_rate or 0).normalize()
    return PreviewView(preview.new.id, preview.current.name, preview.new.name, preview.kind, preview.effective_at,
                       lines, cents(preview.subtotal_cents, currency), cents(preview.vat_cents, currency),
                       f"{rate:f}", preview.vat_treatment == "reverse_charge", cents(preview.total_cents, currency),
                       preview.total_cents,
                       tuple(Problem(problem_text(p.limit, p.used, p.allowed), p.used, p.allowed)
                             for p in preview.problems))


def change_message(outcome) -> str:
    preview = outcome.preview
    if outcome.invoice is not None:
        return _("You are now on %(tier)s. Invoice %(number)s of %(total)s was issued.", tier=preview.new.name,
                 number=outcome.invoice.number, total=cents(outcome.invoice.total_cents, outcome.invoice.currency))
    if preview.kind == "downgrade":
        return _("Your plan changes to %(tier)s at the end of the period. Until then you keep %(current)s.",
                 tier=preview.new.name, current=preview.current.name)
    return _("You are now on %(tier)s.", tier=preview.new.name)


# --- usage -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Meter:
    limit: str
    title: str
    text: str
    used: int
    allowed: int | None
    warn_only: bool
    over: bool
    full: bool
    near: bool

    # A progress bar wants 0 < max and value <= max: an over-limit store shows a full bar.
    @property
    def maximum(self) -> int:
        return max(1, self.allowed or 0)

    @property
    def value(self) -> int:
        return min(self.used, self.maximum)


METER_TITLES = {"products": _l("Products"), "staff_seats": _l("Team members"), "stores": _l("Stores"),
                "orders_per_month": _l("Orders this month"), "storage_mb": _l("Storage"),
                "languages": _l("Languages")}


def meter_text(limit: str, used: int, allowed: int | None) -> str:
    if allowed is None:
        return {"products": _("%(used)s products, no limit", used=used),
                "staff_seats": _("%(used)s team members, no limit", used=used),
                "stores": _("%(used)s stores, no limit", used=used),
                "orders_per_month": _("%(used)s orders this month, no limit", used=used),
                "storage_mb": _("%(used)s MB of storage, no limit", used=used),
                "languages": _("%(used)s languages, no limit", used=used)}[limit]
    n = allowed
    return {"products": ngettext("%(used)s of %(num)d product", "%(used)s of %(num)d products", n, used=used),
            "staff_seats": ngettext("%(used)s of %(num)d team member", "%(used)s of %(num)d team members", n,
                                    used=used),
            "stores": ngettext("%(used)s of %(num)d store", "%(used)s of %(num)d stores", n, used=used),
            "orders_per_month": ngettext("%(used)s of %(num)d order this month",
                                         "%(used)s of %(num)d orders this month", n, used=used),
            "storage_mb": ngettext("%(used)s of %(num)d MB of storage", "%(used)s of %(num)d MB of storage", n,
                                   used=used),
            "languages": ngettext("%(used)s of %(num)d language", "%(used)s of %(num)d languages", n,
                                  used=used)}[limit]


def meters(report: dict[str, int], entitlements) -> list[Meter]:
    """One meter per limit: what the store uses against what its tier allows (None: not limited)."""
    rows = []
    for limit in LIMITS:
        rule = entitlements.limit(limit) if entitlements is not None else None
        allowed = rule.value if rule is not None else None
        used = report.get(limit, 0)
        rows.append(Meter(limit, str(METER_TITLES[limit]), meter_text(limit, used, allowed), used, allowed,
                          rule is not None and rule.policy == "warn" and allowed is not None,
                          allowed is not None and used > allowed, allowed is not None and used == allowed,
                          allowed is not None and 0.9 * allowed <= used < allowed))
    return rows
