"""Public API of the checkout module.

Every function takes the store id explicitly; they flush, the caller commits or rolls back.
`place_order` and `pay_order` are separate transactions: the order and its stock are committed
before a gateway is asked for money.
"""

from webapp.modules.checkout.exceptions import (
    CartHasProblems,
    CheckoutError,
    DuplicateCode,
    EmptyCart,
    InvalidCheckoutData,
    NotFound,
    SoldOut,
    StepMissing,
)
from webapp.modules.checkout.services.onboarding import shipping_configured
from webapp.modules.checkout.services.placing import (
    PaymentOutcome,
    PlaceResult,
    lock_checkout,
    pay_order,
    place_order,
)
from webapp.modules.checkout.services.pricing import Quote, QuoteLine, compute_quote, quote, tax_of
from webapp.modules.checkout.services.settings import (
    ShippingMethodData,
    active_method,
    create_shipping_method,
    delete_shipping_method,
    delete_tax_rate,
    get_settings,
    get_shipping_method,
    list_shipping_methods,
    list_tax_rates,
    parse_amount,
    save_tax_rate,
    set_prices_include_tax,
    shipping_price,
    tax_rate_for,
    to_amount,
    update_shipping_method,
)
from webapp.modules.checkout.services.steps import (
    STEPS,
    AddressInput,
    ContactData,
    gateway_choices,
    get_checkout,
    missing_step,
    open_checkout,
    save_contact,
    save_payment_choice,
    save_shipping,
    step_complete,
)
from webapp.modules.checkout.services.stock import hold_stock

__all__ = [
    "STEPS",
    "AddressInput",
    "CartHasProblems",
    "CheckoutError",
    "ContactData",
    "DuplicateCode",
    "EmptyCart",
    "InvalidCheckoutData",
    "NotFound",
    "PaymentOutcome",
    "PlaceResult",
    "Quote",
    "QuoteLine",
    "ShippingMethodData",
    "SoldOut",
    "StepMissing",
    "active_method",
    "compute_quote",
    "create_shipping_method",
    "delete_shipping_method",
    "delete_tax_rate",
    "gateway_choices",
    "get_checkout",
    "get_settings",
    "get_shipping_method",
    "hold_stock",
    "list_shipping_methods",
    "list_tax_rates",
    "lock_checkout",
    "missing_step",
    "open_checkout",
    "parse_amount",
    "pay_order",
    "place_order",
    "quote",
    "save_contact",
    "save_payment_choice",
    "save_shipping",
    "save_tax_rate",
    "set_prices_include_tax",
    "shipping_configured",
    "shipping_price",
    "step_complete",
    "tax_of",
    "tax_rate_for",
    "to_amount",
    "update_shipping_method",
]
