"""Errors of the payments module."""

from webapp.framework.errors import OrionError


class PaymentError(OrionError):
    """A payment cannot be started or changed as asked."""


class PaymentNotFound(PaymentError):
    """No such payment in this store."""

    status_code = 404


class GatewayNotEnabled(PaymentError):
    """The store does not offer this payment method."""


class UnknownGateway(PaymentError):
    """No such gateway, or it takes no webhooks."""

    status_code = 404


class RefundError(PaymentError):
    """The refund is not possible: wrong amount, or the payment is not paid."""


class WebhookError(PaymentError):
    """A webhook that cannot be trusted or read: bad signature, stale timestamp, junk body."""


class SettingsInvalid(PaymentError):
    """Payment settings that cannot be saved; `errors` maps field names to messages."""

    status_code = 422

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{field}: {text}" for field, text in errors.items()), errors=errors)
        self.errors = errors
