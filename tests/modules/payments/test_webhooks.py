"""Stripe webhooks through the real endpoint, with events signed exactly as Stripe signs them."""

from __future__ import annotations

import json
import time
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from tests.modules.payments.conftest import sign, stripe_event, stripe_payment
from webapp.extensions import csrf, db
from webapp.framework.scoping import store_scope
from webapp.modules.payments.models import Payment, Refund, WebhookDelivery

URL = "/api/v1/payments/webhooks/stripe"


def post(client, payload: bytes, headers: dict | None = None):
    # No CSRF token: gateways cannot send one; the signature protects the endpoint instead.
    return client.post(URL, data=payload, headers=headers if headers is not None else sign(payload), csrf=False)


def reload(payment_id) -> Payment:
    db.session.expire_all()
    return db.session.scalar(select(Payment).where(Payment.id == payment_id).execution_options(all_stores=True))


def deliveries() -> int:
    return db.session.scalar(select(func.count()).select_from(WebhookDelivery))


@pytest.fixture
def pending(stripe_store):
    return stripe_payment(stripe_store)


def test_a_signed_success_event_marks_the_payment_paid(client, stripe_store, pending, published):
    response = post(client, stripe_event("payment_intent_succeeded", stripe_store.id))
    assert response.status_code == 200
    assert response.get_json() == {"status": "processed"}
    assert reload(pending.id).status == "succeeded"
    [event] = published
    assert (event.name, event.payment_id, event.amount, event.currency) == ("payments.succeeded", pending.id,
                                                                            "49.90", "EUR")


def test_the_same_event_ten_times_changes_state_once(client, stripe_store, pending, published):
    payload = stripe_event("payment_intent_succeeded", stripe_store.id)
    answers = [post(client, payload).get_json()["status"] for _ in range(10)]

    assert answers == ["processed"] + ["duplicate"] * 9
    assert reload(pending.id).status == "succeeded"
    assert len(published) == 1
    assert deliveries() == 1


def test_a_second_success_event_for_a_paid_payment_publishes_nothing(client, stripe_store, pending, published):
    post(client, stripe_event("payment_intent_succeeded", stripe_store.id))
    other = stripe_event("payment_intent_succeeded", stripe_store.id).replace(b"evt_3OrionTestSucceeded01",
                                                                              b"evt_3OrionTestSucceeded02")
    assert post(client, other).get_json() == {"status": "ignored"}
    assert len(published) == 1


@pytest.mark.parametrize("changes", [{"amount_received": 100}, {"currency": "usd"}])
def test_an_amount_or_currency_mismatch_leaves_the_payment_unpaid(client, stripe_store, pending, published, changes):
    response = post(client, stripe_event("payment_intent_succeeded", stripe_store.id, **changes))
    assert response.status_code == 200
    assert response.get_json() == {"status": "ignored"}
    assert reload(pending.id).status == "pending"
    assert published == []


def test_a_bad_signature_is_refused(client, stripe_store, pending, published):
    payload = stripe_event("payment_intent_succeeded", stripe_store.id)
    response = post(client, payload, sign(payload, secret="whsec_someone_else_0123456789"))
    assert response.status_code == 400
    assert reload(pending.id).status == "pending" and published == [] and deliveries() == 0


def test_a_tampered_body_is_refused(client, stripe_store, pending):
    payload = stripe_event("payment_intent_succeeded", stripe_store.id)
    headers = sign(payload)
    assert post(client, payload.replace(b"4990", b"4991"), headers).status_code == 400
    assert reload(pending.id).status == "pending"


def test_an_expired_timestamp_is_refused(client, stripe_store, pending):
    payload = stripe_event("payment_intent_succeeded", stripe_store.id)
    response = post(client, payload, sign(payload, timestamp=int(time.time()) - 600))  # Stripe allows 300 s
    assert response.status_code == 400
    assert reload(pending.id).status == "pending"


@pytest.mark.parametrize("payload, headers", [
    (b"", {}), (b"not json at all", None), (b"\xff\xfe\x00junk", None), (b"[]", None), (b'{"data": 1}', None),
    (b'{"data": {"object": {"metadata": {"store_id": "abc"}}}}', None),
    (b'{"data": {"object": {"metadata": {"store_id": "999999"}}}}', None),
])
def test_junk_is_refused_with_400_never_500(client, stripe_store, payload, headers):
    response = post(client, payload, headers if headers is not None else sign(payload))
    assert response.status_code == 400
    assert deliveries() == 0


def test_a_signed_event_missing_fields_is_refused(client, stripe_store, pending):
    payload = stripe_event("payment_intent_succeeded", stripe_store.id, amount_received=None, currency=None)
    assert post(client, payload).status_code == 400
    assert reload(pending.id).status == "pending"


def test_a_missing_signature_header_is_refused(client, stripe_store, pending):
    payload = stripe_event("payment_intent_succeeded", stripe_store.id)
    assert post(client, payload, {"Content-Type": "application/json"}).status_code == 400


def test_a_store_without_a_webhook_secret_cannot_be_targeted(client, demo, stripe_store, pending):
    payload = stripe_event("payment_intent_succeeded", demo.bistro.id)
    assert post(client, payload).status_code == 400


@pytest.mark.parametrize("gateway", ["paypal", "test", "manual"])
def test_gateways_without_webhooks_are_not_found(client, stripe_store, gateway):
    payload = stripe_event("payment_intent_succeeded", stripe_store.id)
    response = client.post(f"/api/v1/payments/webhooks/{gateway}", data=payload, headers=sign(payload), csrf=False)
    assert response.status_code == 404


def test_an_event_for_an_unknown_payment_is_ignored(client, stripe_store):
    response = post(client, stripe_event("payment_intent_succeeded", stripe_store.id, id="pi_unknown"))
    assert response.get_json() == {"status": "ignored"}


def test_an_event_type_orion_does_not_use_is_ignored(client, stripe_store):
    payload = stripe_event("payment_intent_succeeded", stripe_store.id).replace(b'"payment_intent.succeeded"',
                                                                                b'"payment_intent.created"')
    assert post(client, payload).get_json() == {"status": "ignored"}
    assert deliveries() == 0


def test_a_failure_event_fails_a_pending_payment_once(client, stripe_store, pending, published):
    payload = stripe_event("payment_intent_payment_failed", stripe_store.id)
    assert [post(client, payload).get_json()["status"] for _ in range(3)] == ["processed", "duplicate", "duplicate"]
    assert reload(pending.id).status == "failed"
    assert [event.name for event in published] == ["payments.failed"]


def test_a_refund_made_in_stripe_is_recorded(client, stripe_store, published):
    paid = stripe_payment(stripe_store, status="succeeded")
    assert post(client, stripe_event("charge_refunded", stripe_store.id)).get_json() == {"status": "processed"}
    payment = reload(paid.id)
    assert (payment.refunded_amount, payment.status) == (Decimal("10.00"), "partially_refunded")
    refunds = db.session.scalars(select(Refund).execution_options(all_stores=True)).all()
    assert [(r.amount, r.status) for r in refunds] == [(Decimal("10.00"), "succeeded")]


def test_a_refund_orion_already_recorded_is_not_counted_twice(client, stripe_store):
    paid = stripe_payment(stripe_store, status="succeeded")
    with store_scope(stripe_store.id):
        paid = db.session.get(Payment, paid.id)
        paid.refunded_amount, paid.status = Decimal("10.00"), "partially_refunded"
        db.session.commit()
    assert post(client, stripe_event("charge_refunded", stripe_store.id)).get_json() == {"status": "ignored"}
    assert reload(paid.id).refunded_amount == Decimal("10.00")


def test_random_bytes_get_400_never_500(client, stripe_store):
    @settings(max_examples=50, deadline=None)
    @given(payload=st.binary(max_size=2000), signature=st.text(st.characters(min_codepoint=32, max_codepoint=126)))
    def check(payload, signature):
        response = client.post(URL, data=payload, headers={"Stripe-Signature": signature}, csrf=False)
        assert response.status_code == 400

    check()


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner,
                                                                                max_size=3), max_leaves=10)


def test_signed_events_of_any_shape_never_cause_a_500(client, stripe_store):
    """What a leaked webhook secret could send: odd shapes get 400 or 200, never a 500."""

    @settings(max_examples=60, deadline=None)
    @given(kind=st.sampled_from(["payment_intent.succeeded", "payment_intent.payment_failed", "charge.refunded",
                                 "other"]),
           event_id=JSON, fields=st.dictionaries(st.sampled_from(["id", "amount", "amount_received", "currency",
                                                                  "payment_intent", "amount_refunded"]), JSON))
    def check(kind, event_id, fields):
        event = {"id": event_id, "object": "event", "type": kind,
                 "data": {"object": {**fields, "metadata": {"store_id": str(stripe_store.id)}}}}
        payload = json.dumps(event).encode()
        assert post(client, payload).status_code in (200, 400)

    check()


def test_the_webhook_is_the_only_csrf_exemption():
    assert csrf._exempt_views == {"webapp.modules.payments.routes.api.webhook_receive"}
    assert not csrf._exempt_blueprints
