"""Gateways: the test card simulator's outcomes, and Stripe with its SDK mocked at the network boundary."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
import stripe

from tests.modules.payments.conftest import card, pay
from webapp.extensions import db
from webapp.modules.payments import services
from webapp.modules.payments.models import Payment
from webapp.modules.payments.services.gateways.stripe_gateway import from_minor, to_minor


def test_4242_succeeds_and_publishes_once(acme, published):
    payment = pay(acme)
    assert payment.status == "succeeded"
    assert re.fullmatch(r"test_pi_[0-9a-f]{24}", payment.reference)
    assert payment.card_last4 == "4242"
    [event] = published
    assert (event.name, event.store_id, event.payment_id, event.order_id) == ("payments.succeeded", acme.id,
                                                                              payment.id, 1001)
    assert (event.amount, event.currency, event.platform_id) == ("49.90", "EUR", acme.platform_id)


def test_0002_is_declined(acme, published):
    payment = pay(acme, card_input=card("4000 0000 0000 0002"))
    assert payment.status == "failed"
    assert payment.message == "Your card was declined."
    assert [event.name for event in published] == ["payments.failed"]


def test_9995_asks_for_a_retry_then_succeeds_with_a_new_key(acme, published):
    first = pay(acme, "order-1001-a", card_input=card("4000000000009995"))
    assert first.status == "failed"
    assert first.message == "Temporary problem, please try again."
    assert pay(acme, "order-1001-a", card_input=card("4000000000009995")).id == first.id  # same key: same answer

    second = pay(acme, "order-1001-b", card_input=card("4000000000009995"))
    assert second.status == "succeeded"
    assert [event.name for event in published] == ["payments.failed", "payments.succeeded"]
    assert [p.id for p in services.payments_for_order(acme.id, 1001)] == [first.id, second.id]


def test_5126_succeeds_but_its_refunds_are_refused(acme, published):
    payment = pay(acme, card_input=card("4000 0000 0000 5126"))
    assert payment.status == "succeeded"
    refund = services.refund(acme.id, payment.id, "10.00", platform_id=acme.platform_id)
    db.session.commit()
    assert (refund.status, refund.message) == ("failed", "The card issuer refused the refund.")
    assert (payment.status, payment.refunded_amount) == ("succeeded", Decimal("0.00"))
    ok = services.refund(acme.id, pay(acme, "order-1001-b").id, "10.00", platform_id=acme.platform_id)
    assert ok.status == "succeeded"


@pytest.mark.parametrize("card_input, message", [
    (card("4111 1111 1111 1111"), "Your card was declined."),
    (card(exp_month=1, exp_year=2020), "Your card has expired."),
    (card(exp_month=13), "Your card has expired."),
    (card(cvc="12"), "The security code (CVC) must have 3 or 4 digits."),
    (card(cvc="12345"), "The security code (CVC) must have 3 or 4 digits."),
    (card(cvc="abc"), "The security code (CVC) must have 3 or 4 digits."),
])
def test_bad_cards_fail_with_a_clear_message(acme, card_input, message):
    payment = pay(acme, card_input=card_input)
    assert (payment.status, payment.message) == ("failed", message)


def test_the_test_gateway_needs_a_card(acme):
    payment = services.start_payment(acme.id, platform_id=acme.platform_id, order_id=1, amount="10", currency="EUR",
                                     gateway="test", idempotency_key="no-card")
    assert (payment.status, payment.message) == ("failed", "Card details are required.")


def test_a_card_number_is_never_stored_or_printed(acme):
    number = "4242424242424242"
    payment = pay(acme, card_input=card(number))
    db.session.commit()
    row = {column.name: getattr(payment, column.key) for column in Payment.__table__.columns}
    assert not any(number in str(value) for value in row.values())
    assert number not in repr(card(number))


def test_manual_payments_wait_for_the_merchant(acme, published):
    payment = pay(acme, gateway="manual")
    assert payment.status == "pending"
    assert payment.reference.startswith("manual_")
    assert published == []


@pytest.mark.parametrize("amount, currency, minor", [
    (Decimal("49.90"), "EUR", 4990), (Decimal("0.01"), "usd", 1), (Decimal("1500.00"), "JPY", 1500),
])
def test_stripe_amounts_in_the_smallest_unit(amount, currency, minor):
    assert to_minor(amount, currency) == minor
    assert from_minor(minor, currency) == amount


@pytest.fixture
def intents(monkeypatch):
    """PaymentIntentService.create of the real SDK, answered offline."""
    calls = []

    def create(service, params, options=None):
        calls.append({"params": params, "options": options, "api_key": service._requestor.api_key})
        return stripe.PaymentIntent.construct_from(
            {"id": "pi_3OrionTestIntent01", "object": "payment_intent", "status": "requires_payment_method",
             "client_secret": "pi_3OrionTestIntent01_secret_abc", "amount": params["amount"]}, "sk_test")

    monkeypatch.setattr(stripe.PaymentIntentService, "create", create)
    return calls


def test_stripe_creates_a_payment_intent(stripe_store, intents, published):
    payment = pay(stripe_store, "order-1001-stripe", gateway="stripe")

    [call] = intents
    assert call["params"]["amount"] == 4990
    assert call["params"]["currency"] == "eur"
    assert call["params"]["metadata"] == {"store_id": str(stripe_store.id), "order_id": "1001"}
    assert call["options"] == {"idempotency_key": "order-1001-stripe"}
    assert call["api_key"] == "sk_test_orion0123456789"
    assert (payment.status, payment.reference) == ("pending", "pi_3OrionTestIntent01")
    assert payment.client_secret == "pi_3OrionTestIntent01_secret_abc"
    assert published == []  # the webhook settles it


def test_stripe_errors_fail_the_payment_without_a_500(stripe_store, monkeypatch):
    def refuse(service, params, options=None):
        raise stripe.APIConnectionError("network down")

    monkeypatch.setattr(stripe.PaymentIntentService, "create", refuse)
    payment = pay(stripe_store, gateway="stripe")
    assert payment.status == "failed"
    assert payment.message == "The payment could not be started. Please try again."


def test_stripe_refunds_through_the_sdk(stripe_store, monkeypatch):
    calls = []

    def create(service, params, options=None):
        calls.append((params, options))
        return stripe.Refund.construct_from({"id": "re_1", "object": "refund", "status": "succeeded"}, "sk_test")

    monkeypatch.setattr(stripe.RefundService, "create", create)
    payment = pay(stripe_store, gateway="test")  # paid, then pretend it was a Stripe payment
    payment.gateway, payment.reference = "stripe", "pi_3OrionTestIntent01"
    db.session.flush()

    refund = services.refund(stripe_store.id, payment.id, "10.00", platform_id=stripe_store.platform_id)

    [(params, options)] = calls
    assert params["payment_intent"] == "pi_3OrionTestIntent01" and params["amount"] == 1000
    assert options["idempotency_key"].startswith(f"orion-refund-{payment.id}-")
    assert (refund.status, refund.reference, payment.status) == ("succeeded", "re_1", "partially_refunded")
