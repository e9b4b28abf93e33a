"""Stripe through its official SDK: PaymentIntents, refunds, signed webhooks.

Card details never reach Orion: the browser confirms the PaymentIntent with Stripe.js using the
client secret; Stripe then reports the outcome by webhook.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal

import stripe
from flask_babel import lazy_gettext as _l

from webapp.modules.payments.exceptions import WebhookError
from webapp.modules.payments.services.gateways.base import N_, PaymentRequest, PaymentResult, RefundResult, WebhookEvent

log = logging.getLogger(__name__)
# Currencies Stripe counts in whole units (https://docs.stripe.com/currencies#zero-decimal).
ZERO_DECIMAL = frozenset({"BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX", "VND",
                          "VUV", "XAF", "XOF", "XPF"})
INTENT_STATUSES = {"succeeded": "succeeded", "canceled": "failed"}  # everything else waits for the shopper
REFUND_STATUSES = {"succeeded": "succeeded", "failed": "failed", "canceled": "failed"}
EVENT_TYPES = {"payment_intent.succeeded": "payment.succeeded",
               "payment_intent.payment_failed": "payment.failed",
               "charge.refunded": "payment.refunded"}
SIGNATURE_HEADER = "Stripe-Signature"


def to_minor(amount: Decimal, currency: str) -> int:
    """Decimal amount → Stripe's integer amount in the currency's smallest unit."""
    exponent = Decimal("1") if currency.upper() in ZERO_DECIMAL else Decimal("0.01")
    return int((amount / exponent).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def from_minor(amount: int, currency: str) -> Decimal:
    if currency.upper() in ZERO_DECIMAL:
        return Decimal(amount).quantize(Decimal("0.01"))
    return (Decimal(amount) / 100).quantize(Decimal("0.01"))


def webhook_store_id(payload: bytes) -> int:
    """The store an event is for (from the metadata Orion set), read before it can be verified:
    that store's webhook secret is what verifies it."""
    try:
        store_id = int(json.loads(payload)["data"]["object"]["metadata"]["store_id"])
    except (ValueError, TypeError, KeyError) as error:
        raise WebhookError("not a Stripe event of an Orion store") from error
    if not 0 < store_id < 2**31:
        raise WebhookError("not a Stripe event of an Orion store")
    return store_id


class StripeGateway:
    code = "stripe"
    label = _l("Card (Stripe)")
    short_label = _l("Stripe")
    supports_webhooks = True

    def __init__(self, settings=None):
        self.settings = settings

    def _client(self) -> stripe.StripeClient:
        return stripe.StripeClient(self.settings.stripe_secret_key, max_network_retries=2)

    def create_payment(self, request: PaymentRequest) -> PaymentResult:
        params = {"amount": to_minor(request.amount, request.currency), "currency": request.currency.lower(),
                  "description": request.description or None,
                  "metadata": {"store_id": str(request.store_id), "order_id": str(request.order_id)},
                  "automatic_payment_methods": {"enabled": True}}
        try:
            intent = self._client().v1.payment_intents.create(
                params={k: v for k, v in params.items() if v is not None},
                options={"idempotency_key": request.idempotency_key})
        except stripe.StripeError as error:
            log.warning("stripe: creating a PaymentIntent failed for store %s: %s", request.store_id, error)
            return PaymentResult("failed", None, N_("The payment could not be started. Please try again."))
        return PaymentResult(INTENT_STATUSES.get(intent.status, "pending"), intent.id,
                             client_secret=intent.client_secret)

    def refund(self, payment, amount: Decimal) -> RefundResult:
        # Derived from the payment's state: a retry after a crash repeats the same refund, not a new one.
        key = f"orion-refund-{payment.id}-{payment.refunded_amount}-{amount}"
        try:
            refund = self._client().v1.refunds.create(
                params={"payment_intent": payment.reference, "amount": to_minor(amount, payment.currency),
                        "metadata": {"store_id": str(payment.store_id), "payment_id": str(payment.id)}},
                options={"idempotency_key": key})
        except stripe.StripeError as error:
            log.warning("stripe: refund of payment %s failed: %s", payment.id, error)
            return RefundResult("failed", None, N_("Stripe refused the refund."))
        return RefundResult(REFUND_STATUSES.get(refund.status, "pending"), refund.id)

    def parse_webhook(self, payload: bytes, headers: Mapping[str, str], settings) -> WebhookEvent | None:
        """Verify signature and timestamp (Stripe's tolerance: 5 minutes), then map the event."""
        secret = settings.stripe_webhook_secret if settings is not None else None
        if not secret:
            raise WebhookError("the store has no Stripe webhook secret")
        try:
            event = stripe.Webhook.construct_event(payload, headers.get(SIGNATURE_HEADER), secret).to_dict()
        except stripe.SignatureVerificationError as error:
            raise WebhookError("bad Stripe signature") from error
        except (ValueError, TypeError, KeyError, AttributeError) as error:  # not UTF-8, not JSON, not an event
            raise WebhookError("unreadable Stripe event") from error
        kind = EVENT_TYPES.get(event.get("type"))
        if kind is None:
            return None
        return _event(event, kind)


def _text(value, limit: int = 255) -> str:
    if not isinstance(value, str) or not 0 < len(value) <= limit:
        raise ValueError(f"expected text of 1 to {limit} characters, got {value!r:.40}")
    return value


def _event(event: dict, kind: str) -> WebhookEvent:
    try:
        data = event["data"]["object"]
        currency = _text(data["currency"], 3).upper()
        if kind == "payment.refunded":
            reference, amount = data["payment_intent"], data["amount_refunded"]
        else:
            reference = data["id"]
            amount = data["amount_received"] if kind == "payment.succeeded" else data["amount"]
        if not isinstance(amount, int) or isinstance(amount, bool) or amount < 0:
            raise ValueError(f"bad amount {amount!r:.40}")
        return WebhookEvent(event_id=_text(event["id"]), type=kind, reference=_text(reference),
                            amount=from_minor(amount, currency), currency=currency,
                            store_id=int(data["metadata"]["store_id"]))
    except (KeyError, TypeError, ValueError) as error:
        raise WebhookError(f"Stripe event lacks a field Orion needs: {error}") from error
