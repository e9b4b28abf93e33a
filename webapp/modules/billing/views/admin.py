"""What the admin's billing pages show: state labels and badges, money from cents, feature groups,
rows of the subscription list, refusal messages."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from flask_babel import lazy_gettext as _l

from webapp.modules.billing import services
from webapp.modules.billing.views.modules import built_modules
from webapp.modules.billing.views.money import cents
from webapp.modules.tenancy import services as tenancy

STATE_LABELS = {"trialing": _l("Trial"), "active": _l("Active"), "past_due": _l("Past due"),
                "restricted": _l("Restricted"), "paused": _l("Paused"), "cancelled": _l("Cancelled")}
STATE_BADGES = {"trialing": "info", "active": "success", "past_due": "warning", "restricted": "danger",
                "paused": "muted", "cancelled": "muted"}
TIER_STATUS_LABELS = {"active": _l("Offered"), "retired": _l("Retired")}
TIER_STATUS_BADGES = {"active": "success", "retired": "muted"}
INVOICE_STATUS_LABELS = {"open": _l("Open"), "paid": _l("Paid"), "void": _l("Void"),
                         "uncollectible": _l("Uncollectible")}
INVOICE_STATUS_BADGES = {"open": "warning", "paid": "success", "void": "muted", "uncollectible": "danger"}
KIND_LABELS = {"invoice": _l("Invoice"), "credit_note": _l("Credit note")}
TIER_PROBLEMS = {"characters": _l("Use lowercase letters, digits and single hyphens; start and end with a "
                                  "letter or digit."),
                 "taken": _l("Another tier of this platform has this code."),
                 "length": _l("Enter a name of at most 80 characters."),
                 "range": _l("This value is out of range."),
                 "unknown": _l("Choose from the list."),
                 "invalid": _l("Please check this value.")}
# Service field names -> form field names.
TIER_FIELDS = {"monthly_price_cents": "monthly_price", "yearly_price_cents": "yearly_price"}
REFUSALS = {"unknown_tier": _l("This tier is not one of the subscription's platform."),
            "same_tier": _l("The subscription is already on this tier."),
            "retired_tier": _l("This tier is retired and takes no new subscriptions."),
            "currency": _l("This tier is priced in another currency."),
            "usage": _l("The merchant uses more than this tier allows; they must remove some first."),
            "not_trialing": _l("Only a trial can be extended."),
            "days": _l("Choose between 1 and 90 days."),
            "reason": _l("Enter a reason."),
            "amount": _l("Enter an amount above zero.")}


def show_tier_problems(form, problems: dict[str, str]) -> None:
    for name, problem in problems.items():
        field = getattr(form, TIER_FIELDS.get(name, name), None)
        message = str(TIER_PROBLEMS.get(problem, TIER_PROBLEMS["invalid"]))
        if field is None:
            form.form_errors.append(message)
        else:
            field.errors = [*field.errors, message]


@dataclass(frozen=True)
class FeatureGroup:
    module: str
    codes: tuple[str, ...]


def feature_groups(platform_id: int, current: tuple[str, ...] = ()) -> list[FeatureGroup]:
    """The feature codes declared by the modules enabled on the platform (and built), grouped by module; codes the
    tier has that no enabled module declares (its module was switched off) are kept under "Other"."""
    registry = current_app.extensions["orion.modules"]
    enabled = tenancy.enabled_modules(platform_id) & built_modules()
    groups, declared = [], set()
    for definition in sorted((registry.get(code) for code in enabled), key=lambda d: str(d.name)):
        if definition is not None and definition.features:
            groups.append(FeatureGroup(str(definition.name), tuple(definition.features)))
            declared.update(definition.features)
    other = tuple(sorted(set(current) - declared))
    if other:
        groups.append(FeatureGroup(str(_l("Other")), other))
    return groups


@dataclass(frozen=True)
class SubscriptionRow:
    subscription: object
    merchant: str
    stores: tuple[tuple[int, str, str, int], ...]  # (id, code, name, platform id)
    mrr: str


def subscription_rows(subscriptions) -> list[SubscriptionRow]:
    """List rows with their merchants and stores, in two queries for the whole page."""
    summaries = tenancy.merchant_summaries({subscription.merchant_id for subscription in subscriptions})
    rows = []
    for subscription in subscriptions:
        summary = summaries.get(subscription.merchant_id)
        rows.append(SubscriptionRow(subscription, summary.legal_name if summary else "—",
                                    summary.stores_on(subscription.platform_id) if summary else (),
                                    cents(services.mrr_cents(subscription), subscription.tier.currency)))
    return rows
