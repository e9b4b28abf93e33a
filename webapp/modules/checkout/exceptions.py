"""Errors of the checkout module; views turn them into messages and field errors."""

from __future__ import annotations

from webapp.framework.errors import OrionError


class CheckoutError(OrionError):
    pass


class InvalidCheckoutData(CheckoutError):
    """Input refused; `errors` maps field names to (lazily translated) messages for the shopper."""

    status_code = 422

    def __init__(self, errors: dict):
        # Field names only: the messages are translated when shown, in a request.
        super().__init__("invalid " + ", ".join(errors), errors=errors)
        self.errors = errors


class EmptyCart(CheckoutError):
    """There is nothing to order."""

    status_code = 409


class CartHasProblems(CheckoutError):
    """Some cart lines cannot be ordered as they are (unavailable, not enough stock); `titles` names them."""

    status_code = 409

    def __init__(self, titles: list[str]):
        super().__init__("cart has problems: " + ", ".join(titles), titles=titles)
        self.titles = titles


class StepMissing(CheckoutError):
    """A step's data is missing; `step` names the first step to complete."""

    status_code = 409

    def __init__(self, step: str):
        super().__init__(f"step {step!r} is not complete", step=step)
        self.step = step


class SoldOut(CheckoutError):
    """Stock ran out while placing the order; `titles` names the products concerned."""

    status_code = 409

    def __init__(self, titles: list[str]):
        super().__init__("sold out: " + ", ".join(titles), titles=titles)
        self.titles = titles


class DuplicateCode(CheckoutError):
    """A shipping method code or a tax-rate country exists already in this store."""

    status_code = 422


class NotFound(CheckoutError):
    status_code = 404
