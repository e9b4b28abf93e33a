"""Errors of the orders module; views turn them into messages."""

from webapp.framework.errors import OrionError


class OrderError(OrionError):
    """An order operation was refused; `message` says why, in words a merchant understands."""

    status_code = 422


class OrderNotFound(OrderError):
    status_code = 404


class InvalidTransition(OrderError):
    """The order's status does not allow this step (e.g. shipping a cancelled order)."""

    status_code = 409

    def __init__(self, current: str, wanted: str):
        super().__init__(f"an order that is {current} cannot become {wanted}", current=current, wanted=wanted)
        self.current = current
        self.wanted = wanted


class InvalidOrder(OrderError):
    """The data given to create an order is inconsistent (no lines, negative amounts…)."""


class RefundError(OrderError):
    """A refund was refused: too much, nothing captured, or the gateway said no."""

    def __init__(self, message: str, *, reason: str, **details):
        super().__init__(message, reason=reason, **details)
        self.reason = reason
