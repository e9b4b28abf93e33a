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
    provides={"feature_gate": "services:feature_gate", "usage_limits": "services:usage_limits",
              "upgrade_link": "services:upgrade_link"},
    event_handlers=(EventSubscription("tenancy.merchant_signed_up", "events:on_merchant_signed_up"),),
    # Admin pages: tiers, subscriptions, invoices, dashboard cards, the merchant page's billing section.
    menu_items={
        "admin": (
            MenuItem(_l("Tiers"), "billing_admin.tier_list", icon="tag", permission="billing.tiers.manage", order=60),
            MenuItem(_l("Subscriptions"), "billing_admin.subscription_list", icon="credit-card",
                     permission="billing.subscriptions.manage", order=61),
            MenuItem(_l("Invoices"), "billing_admin.invoice_list", icon="receipt",
                     permission="billing.subscriptions.manage", order=62),
        ),
        # Store → Billing: the subscription, plans, usage and invoices (one entry; the pages link each other).
        "store": (MenuItem(_l("Billing"), "billing_store.overview_show", icon="receipt",
                           permission="billing.view", order=95),),
    },
    widget_provider="widgets:dashboard_widgets",
    slots={"admin.merchant.detail": "slots:merchant_subscriptions"},
    # Hourly and idempotent (billing/jobs.py): trial ends, renewal invoices (each period invoiced once),
    # first charges, payment retries, pause → cancel.
    periodic_jobs=(PeriodicJob("jobs:end_due_trials", interval=3600),
                   PeriodicJob("jobs:renew_subscriptions", interval=3600),
                   PeriodicJob("jobs:collect_new_invoices", interval=3600),
                   PeriodicJob("jobs:retry_due_payments", interval=3600),
                   PeriodicJob("jobs:cancel_long_paused", interval=3600)),
    context_providers={"pricing": "views.platform:pricing_plans"},  # the platform's pricing page
    demo_data="demo:seed",
    config={"TRIAL_DAYS": 14,
            # VIES: "fake" (development, tests) or "vies" (the EU service at VIES_URL; production sets BILLING_VIES).
            "VIES": "fake", "VIES_URL": "https://ec.europa.eu/taxation_customs/vies/rest-api/check-vat-number",
            "VIES_TIMEOUT": 5.0,
            # The platform's own gateway for its invoices: None picks "stripe" in production, else "test".
            "GATEWAY": None,
            # Empty by default: set BILLING_STRIPE_SECRET_KEY in the environment.
            "STRIPE_SECRET_KEY": ""},  # nosec B105
    cli_group="jobs:billing_cli",
)
