"""The gateway protocol: what every payment method implements, and the values it exchanges."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

RESULT_STATUSES = ("succeeded", "pending", "failed", "requires_retry")


def N_(message: str) -> str:
    """Mark `message` for extraction. Gateway messages are stored in English and translated
    where they are shown (`_(payment.message)`): gateways also run outside requests."""
    return message


@dataclass(frozen=True)
class CardInput:
    """Card details as typed by the shopper; used for one request, never stored."""

    number: str
    exp_month: int
    exp_year: int
    cvc: str

    @property
    def digits(self) -> str:
        return "".join(ch for ch in self.number if ch.isdigit())

    @property
    def last4(self) -> str:
        return self.digits[-4:]

    def __repr__(self) -> str:  # never print a card number or CVC into a log
        return f"CardInput(last4={self.last4!r})"


@dataclass(frozen=True)
class PaymentRequest:
    store_id: int
    order_id: int
    amount: Decimal
    currency: str
    idempotency_key: str
    card: CardInput | None = None
    description: str = ""
    # Earlier payments for the same order (a retry after "requires_retry" comes with a new key).
    previous_attempts: int = 0


@dataclass(frozen=True)
class PaymentResult:
    status: str  # "succeeded" | "pending" | "failed" | "requires_retry"
    reference: str | None = None
    message: str = ""
    # Stripe: the browser confirms the PaymentIntent with it (Stripe.js); never stored.
    client_secret: str | None = None


@dataclass(frozen=True)
class RefundResult:
    status: str  # "succeeded" | "pending" | "failed"
    reference: str | None = None
    message: str = ""


@dataclass(frozen=True)
class WebhookEvent:
    """A verified gateway event in gateway-neutral terms."""

    event_id: str
    type: str  # "payment.succeeded" | "payment.failed" | "payment.refunded"
    reference: str
    amount: Decimal  # refunded events: the total refunded so far
    currency: str
    store_id: int


class Gateway(Protocol):
    code: str
    label: str  # what shoppers choose
    short_label: str  # in the merchant's payment list
    supports_webhooks: bool

    def create_payment(self, request: PaymentRequest) -> PaymentResult: ...

    def refund(self, payment, amount: Decimal) -> RefundResult: ...

    def parse_webhook(self, payload: bytes, headers: Mapping[str, str], settings) -> WebhookEvent | None: ...
