"""Public API of the cart module (checkout and others import only from here).

Every function takes the store id explicitly and runs inside that store's scope
(`webapp.framework.scoping.store_scope`); they flush, the caller commits or rolls back.
Quantities are whole numbers checked here; prices are never stored: `price_cart` reads them from
the catalog at every call. Refusals raise `CartError` subclasses with a message for the shopper.
A guest cart is found by the token the storefront keeps in `session["carts"][str(store_id)]`
(`guest_cart`); a customer's by `cart_for_customer`.
"""

from webapp.modules.cart.exceptions import (
    CartError,
    CartFull,
    InvalidQuantity,
    LineNotFound,
    NotEnoughStock,
    ProductUnavailable,
    TooMany,
)
from webapp.modules.cart.services.carts import (
    cart_for_customer,
    claim_guest_cart,
    clear_cart,
    create_guest_cart,
    guest_cart,
    merge_carts,
)
from webapp.modules.cart.services.holds import hold_reference, hold_stock, release_hold
from webapp.modules.cart.services.lines import add_item, remove_line, update_quantity
from webapp.modules.cart.services.pricing import CartView, LineView, price_cart

__all__ = [
    "CartError",
    "CartFull",
    "CartView",
    "InvalidQuantity",
    "LineNotFound",
    "LineView",
    "NotEnoughStock",
    "ProductUnavailable",
    "TooMany",
    "add_item",
    "cart_for_customer",
    "claim_guest_cart",
    "clear_cart",
    "create_guest_cart",
    "guest_cart",
    "hold_reference",
    "hold_stock",
    "merge_carts",
    "price_cart",
    "release_hold",
    "remove_line",
    "update_quantity",
]
