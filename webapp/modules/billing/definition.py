"""Billing: subscription tiers, merchant subscriptions, usage limits and platform invoices.

The operator earns its living here. Tiers are data per platform (prices, trial, limits with a block or
warn policy, the feature codes enabled modules declare); each merchant's subscription starts as a
trial at signup and decides, through the framework's `feature_gate` and `usage_limits` ports, what
its stores may use and create. Time comes from one clock that development and tests can move.
"""

from flask_babel import lazy_gettext as _l

from webapp.framework.registry import EventSubscription, MenuItem, ModuleDefinition, Permission

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
    # Store → Billing (the merchant's subscription, plans, usage) and the platform's pricing page.
    menu_items={"store": (MenuItem(_l("Billing"), "billing_store.overview_show", icon="receipt",
                                   permission="billing.view", order=95),)},
    context_providers={"pricing": "views.platform:pricing_plans"},
    demo_data="demo:seed",
    config={"TRIAL_DAYS": 14},
)
