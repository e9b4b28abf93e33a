"""Errors of the cart module; their messages are shown to the shopper as they are."""

from __future__ import annotations

from flask import has_request_context
from flask_babel import gettext

from webapp.framework.errors import OrionError


def _(message: str, **values) -> str:
    """gettext in a request (the shopper's language); the English text in jobs and CLI commands.

    The services build these messages (and the cart lines' problems) eagerly, also outside requests.
    """
    if has_request_context():
        return gettext(message, **values)
    return message % values if values else message


class CartError(OrionError):
    """The cart refused a change and is unchanged."""

    status_code = 422


class ProductUnavailable(CartError):
    """Unknown, another store's, or not for sale (draft, archived, or the catalog is switched off)."""

    def __init__(self):
        super().__init__(_("This product is not available."))


class InvalidQuantity(CartError):
    def __init__(self, maximum: int, *, allow_zero: bool = False):
        minimum = 0 if allow_zero else 1
        super().__init__(_("Enter a whole number from %(min)s to %(max)s.", min=minimum, max=maximum),
                         maximum=maximum)


class TooMany(CartError):
    """The line would hold more than CART_MAX_QUANTITY of one variant."""

    def __init__(self, maximum: int):
        super().__init__(_("You can order at most %(max)s of one product.", max=maximum), maximum=maximum)


class NotEnoughStock(CartError):
    """More than can be sold; `available` says how many can."""

    def __init__(self, available: int, *, in_cart: int = 0):
        self.available = available
        if available <= 0:
            message = _("Sorry, this product is sold out.")
        elif in_cart:
            message = _("Only %(count)s left in stock (your cart already holds %(in_cart)s).",
                        count=available, in_cart=in_cart)
        else:
            message = _("Only %(count)s left in stock.", count=available)
        super().__init__(message, available=available)


class CartFull(CartError):
    def __init__(self, maximum: int):
        super().__init__(_("A cart holds at most %(max)s different products.", max=maximum), maximum=maximum)


class LineNotFound(CartError):
    """No such line in this cart (another shopper's line looks exactly like a missing one)."""

    status_code = 404

    def __init__(self):
        super().__init__(_("This item is no longer in your cart."))
