"""Billing: subscription tiers, merchant subscriptions, usage limits and platform invoices.

The operator earns its living here. Tiers are data per platform (prices, trial, limits with a block or
warn policy, the feature codes enabled modules declare); each merchant's subscription starts as a
trial at signup and decides, through the framework's `feature_gate` and `usage_limits` ports, what
its stores may use and create. Time comes from one clock that development and tests can move.
"""

from flask_babel import lazy_gettext as _l

from webapp.framework.registry import EventSubscription, MenuItem, ModuleDefinition, PeriodicJob, Permission

module = ModuleDefinition(
    code="billing",
    name="Billing",
    description="Subscription tiers with prices, limits and features; merchant subscriptions with trial, "
                "upgrade, downgrade and cancellation; usage against limits and monthly platform invoices.",
    version="1.0.0",
    is_core=True,
    requires=("payments",),
    permissions=(
        Permission("billing.view", _l("View billing"),
                   _l("See the store's subscription, usage against limits and platform invoices."),
                   category="billing", roles=("owner", "manager")),
        Permission("billing.manage", _l("Manage subscription"),
                   _l("Upgrade, downgrade or cancel the subscription."),
                   category="billing", roles=("owner",)),
        Permission("billing.tiers.manage", _l("Manage tiers"),
                   _l("Create and edit subscription tiers, their prices, limits and features."),
                   category="billing", roles=("platform_admin",)),
        Permission("billing.subscriptions.manage", _l("Manage merchant subscriptions"),
                   _l("Change a merchant's tier, extend trials and review platform invoices."),
                   category="billing", roles=("platform_admin",)),
    ),
    provides={"feature_gate": "services:feature_gate", "usage_limits": "services:usage_limits"},
    event_handlers=(EventSubscription("tenancy.merchant_signed_up", "events:on_merchant_signed_up"),),
    demo_data="demo:seed",
    config={"TRIAL_DAYS": 14,
            # The platform's own gateway for its invoices: None picks "stripe" in production, else "test".
            "GATEWAY": None, "STRIPE_SECRET_KEY": ""},
    # Trial ends, first charges, payment retries, pause → cancel (billing/jobs.py); hourly, idempotent.
    periodic_jobs=(PeriodicJob("jobs:end_due_trials", interval=3600),
                   PeriodicJob("jobs:collect_new_invoices", interval=3600),
                   PeriodicJob("jobs:retry_due_payments", interval=3600),
                   PeriodicJob("jobs:cancel_long_paused", interval=3600)),
    cli_group="jobs:billing_cli",
    # Store → Billing → Payment method (routes/store_views/payment_method.py).
    menu_items={"store": (MenuItem(_l("Payment method"), "billing_store.payment_method", icon="credit-card",
                                   permission="billing.manage", order=96),)},
)
