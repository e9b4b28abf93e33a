"""Payments test helpers: the store in scope, published events, Stripe settings, signed webhooks."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from decimal import Decimal
from pathlib import Path

import pytest

from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.payments import services
from webapp.modules.payments.models import Payment
from webapp.modules.payments.services import payments as payment_services

FIXTURES = Path(__file__).parent / "fixtures"
WEBHOOK_SECRET = "whsec_orion_test_secret_0123456789"
STRIPE_KEYS = {"stripe_publishable_key": "pk_test_orion0123456789", "stripe_secret_key": "sk_test_orion0123456789",
               "stripe_webhook_secret": WEBHOOK_SECRET}


@pytest.fixture
def acme(demo):
    """Run the test body with store acme in scope, as a store request or a job would."""
    with store_scope(demo.acme.id):
        yield demo.acme


@pytest.fixture
def published(monkeypatch):
    """The payment events published during the test (they still reach the real event bus)."""
    events = []
    real = payment_services.publish

    def record(event):
        events.append(event)
        real(event)

    monkeypatch.setattr(payment_services, "publish", record)
    return events


@pytest.fixture
def stripe_store(acme):
    services.update_settings(acme.id, enabled_gateways=["manual", "test", "stripe"], manual_instructions="IBAN LU00",
                             **STRIPE_KEYS)
    db.session.commit()
    return acme


def card(number="4242 4242 4242 4242", exp_month=12, exp_year=None, cvc="123"):
    return services.CardInput(number=number, exp_month=exp_month, exp_year=exp_year or time.gmtime().tm_year + 2,
                              cvc=cvc)


def pay(store, key="order-1001-a", *, gateway="test", amount="49.90", order_id=1001, card_input=None, **kwargs):
    if gateway == "test" and card_input is None:
        card_input = card()
    return services.start_payment(store.id, platform_id=store.platform_id, order_id=order_id, amount=amount,
                                  currency="EUR", gateway=gateway, idempotency_key=key, card=card_input, **kwargs)


def stripe_payment(store, reference="pi_3OrionTestIntent01", amount="49.90", status="pending") -> Payment:
    """A Stripe payment as start_payment leaves it once the PaymentIntent exists."""
    payment = Payment(store_id=store.id, platform_id=store.platform_id, order_id=1001, gateway="stripe",
                      amount=Decimal(amount), currency="EUR", status=status, reference=reference,
                      idempotency_key=f"key-{reference}", refunded_amount=Decimal("0.00"), message="")
    db.session.add(payment)
    db.session.commit()
    return payment


def stripe_event(name: str, store_id: int, **changes) -> bytes:
    """A fixture event for `store_id`; `changes` override fields of data.object."""
    event = json.loads((FIXTURES / f"{name}.json").read_text())
    event["data"]["object"]["metadata"]["store_id"] = str(store_id)
    event["data"]["object"].update(changes)
    return json.dumps(event).encode()


def sign(payload: bytes, secret: str = WEBHOOK_SECRET, timestamp: int | None = None) -> dict[str, str]:
    """The Stripe-Signature header exactly as Stripe computes it."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + payload, hashlib.sha256).hexdigest()
    return {"Stripe-Signature": f"t={timestamp},v1={digest}", "Content-Type": "application/json"}
