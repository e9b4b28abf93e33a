"""Checkout: the steps from cart to placed order, with shipping, taxes and payment.

Stock is held for the shopper from the payment step on: showing the payment step (its GET, or
the htmx answer to a saved delivery step) reserves the cart's tracked lines under the cart's hold
reference (`cart-<cart id>`) for INVENTORY_RESERVATION_MINUTES (inventory's config, 15 minutes by
default); out of stock then sends the shopper back to the cart, naming the lines. A change to the
cart's lines releases the hold, an abandoned checkout's hold expires (and is purged lazily by the
next reservation of the store), and placing the order takes the stock and deletes the hold in the
same transaction. Other shoppers' holds count against every cart, add-to-cart and placement.
"""

from flask_babel import lazy_gettext as _l

from webapp.framework.registry import MenuItem, ModuleDefinition, OnboardingStep, Permission

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
    # The store settings page shows the tax display choice in its "Tax display" section.
    slots={"store.settings.tax": "slots:settings_tax_display"},
    demo_data="demo:seed",
    demo_after=("catalog", "payments"),
    onboarding_steps=(OnboardingStep("shipping", _l("Set up shipping"),
                                     "checkout_store.settings_show", "services:shipping_configured", order=30),),
)
