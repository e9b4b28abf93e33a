"""The public API of billing: tiers, subscriptions, entitlements, usage and platform invoices."""

from webapp.modules.billing.services.changes import (
    ChangeOutcome,
    ChangePreview,
    UsageProblem,
    cancel,
    cancel_scheduled_change,
    change_tier,
    keep,
    preview_change,
)
from webapp.modules.billing.services.clock import advance as advance_clock
from webapp.modules.billing.services.clock import now
from webapp.modules.billing.services.clock import reset as reset_clock
from webapp.modules.billing.services.entitlements import (
    Entitlements,
    Limit,
    feature_gate,
    limit_label,
    merchant_entitlements,
    store_entitlements,
    usage_limits,
)
from webapp.modules.billing.services.invoicing import (
    LineDraft,
    issue_invoice,
    next_number,
    prorated,
    settings_for,
    totals,
    vat_for,
)
from webapp.modules.billing.services.renewals import RenewalReport, renew_due, renew_subscription, renewal_key
from webapp.modules.billing.services.subscriptions import (
    add_interval,
    get_subscription,
    merchant_subscription,
    start_trial,
)
from webapp.modules.billing.services.tiers import (
    TierValues,
    create_tier,
    delete_tier,
    get_tier,
    platform_tiers,
    retire_tier,
    subscriptions_on,
    tier_problems,
    update_tier,
)
from webapp.modules.billing.services.usage import usage, usage_report
from webapp.modules.billing.services.vat import FakeVies, VatChecker, VatDecision, ViesAnswer, decide

__all__ = [
    "ChangeOutcome",
    "ChangePreview",
    "Entitlements",
    "FakeVies",
    "Limit",
    "LineDraft",
    "RenewalReport",
    "TierValues",
    "UsageProblem",
    "VatChecker",
    "VatDecision",
    "ViesAnswer",
    "add_interval",
    "advance_clock",
    "cancel",
    "cancel_scheduled_change",
    "change_tier",
    "create_tier",
    "decide",
    "delete_tier",
    "feature_gate",
    "get_subscription",
    "get_tier",
    "issue_invoice",
    "keep",
    "limit_label",
    "merchant_entitlements",
    "merchant_subscription",
    "next_number",
    "now",
    "platform_tiers",
    "preview_change",
    "prorated",
    "renew_due",
    "renew_subscription",
    "renewal_key",
    "reset_clock",
    "retire_tier",
    "settings_for",
    "start_trial",
    "store_entitlements",
    "subscriptions_on",
    "tier_problems",
    "totals",
    "update_tier",
    "usage",
    "usage_limits",
    "usage_report",
    "vat_for",
]
