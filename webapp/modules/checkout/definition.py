"""Checkout: the steps from cart to placed order, with shipping, taxes and payment."""

from flask_babel import lazy_gettext as _l

from webapp.framework.registry import MenuItem, ModuleDefinition, Permission

module = ModuleDefinition(
    code="checkout",
    name="Checkout",
    description="Guest and customer checkout in steps (address, shipping, payment, review) with VAT, "
                "shipping rates and an order confirmation page and email.",
    version="1.0.0",
    requires=("cart", "orders", "customers"),
    permissions=(
        Permission("checkout.settings.manage", _l("Manage checkout settings"),
                   _l("Set shipping methods and rates, VAT rates and whether prices include VAT."),
                   category="checkout", roles=("owner", "manager")),
    ),
    menu_items={
        "store": (MenuItem(_l("Checkout settings"), "checkout_store.settings_show", icon="truck",
                           permission="checkout.settings.manage", order=70),),
    },
    demo_data="demo:seed",
    demo_after=("catalog", "payments"),
)
