"""Payments: payment gateways, recorded payments and refunds, and gateway webhooks."""

from flask_babel import lazy_gettext as _l

from webapp.framework.registry import MenuItem, ModuleDefinition, OnboardingStep, Permission

module = ModuleDefinition(
    code="payments",
    name="Payments",
    description="Takes payments and refunds through a gateway (manual bank transfer or pay on pickup, "
                "a test card simulator, or Stripe) and keeps a record of every payment and refund.",
    version="1.0.0",
    is_core=True,
    permissions=(
        Permission("payments.view", _l("View payments"),
                   _l("See the payments and refunds recorded for the store."),
                   category="payments", roles=("owner", "manager")),
        Permission("payments.configure", _l("Configure payments"),
                   _l("Choose payment methods, enter gateway credentials and mark manual payments paid."),
                   category="payments", roles=("owner",)),
    ),
    menu_items={
        "store": (MenuItem(_l("Payments"), "payments_store.payment_list", icon="credit-card",
                           permission="payments.view", order=60),),
    },
    demo_data="demo:seed",
    # The test card simulator takes no real money: refused in production unless switched on here.
    config={"TEST_GATEWAY_IN_PRODUCTION": False},
    onboarding_steps=(OnboardingStep("payments", _l("Set up payments"),
                                     "payments_store.settings_edit", "services:payments_configured", order=20),),
)
