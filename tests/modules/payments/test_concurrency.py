"""Races that only a real database shows (PostgreSQL: SQLite serialises every writer)."""

from __future__ import annotations

import threading
from collections import Counter

from sqlalchemy import func, select

from tests.modules.payments.conftest import card, sign, stripe_event, stripe_payment
from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.payments import services
from webapp.modules.payments.models import Payment

THREADS = 10


def run_concurrently(app, store_id: int, work) -> tuple[list, list]:
    """Run `work()` in THREADS threads released together, each with its own app context and session."""
    barrier = threading.Barrier(THREADS)
    results, errors = [], []

    def attempt():
        with app.app_context(), store_scope(store_id):
            try:
                barrier.wait(timeout=10)
                results.append(work())
                db.session.commit()
            except Exception as error:  # collected: the assertion below names it
                db.session.rollback()
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=attempt) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, errors


def test_ten_concurrent_payments_with_one_key_charge_once(app, demo, postgres_required, published):
    store_id, platform_id = demo.acme.id, demo.acme.platform_id

    def work():
        payment = services.start_payment(store_id, platform_id=platform_id, order_id=1001, amount="49.90",
                                         currency="EUR", gateway="test", idempotency_key="checkout-1001",
                                         card=card())
        return payment.id

    results, errors = run_concurrently(app, store_id, work)

    assert errors == []
    assert len(results) == THREADS and len(set(results)) == 1
    with store_scope(store_id):
        assert db.session.scalar(select(func.count(Payment.id))) == 1
    assert [event.name for event in published] == ["payments.succeeded"]


def test_ten_concurrent_deliveries_of_one_webhook_change_state_once(app, stripe_store, postgres_required, published):
    store_id = stripe_store.id
    payment = stripe_payment(stripe_store)
    payload = stripe_event("payment_intent_succeeded", store_id)

    results, errors = run_concurrently(app, store_id, lambda: services.handle_webhook("stripe", payload,
                                                                                        sign(payload)))

    assert errors == []
    assert Counter(results) == {"processed": 1, "duplicate": THREADS - 1}
    db.session.expire_all()
    with store_scope(store_id):
        assert db.session.get(Payment, payment.id).status == "succeeded"
    assert [event.name for event in published] == ["payments.succeeded"]


def test_concurrent_refunds_never_exceed_the_payment(app, demo, postgres_required):
    store_id, platform_id = demo.acme.id, demo.acme.platform_id
    with store_scope(store_id):
        payment_id = services.start_payment(store_id, platform_id=platform_id, order_id=1, amount="30.00",
                                            currency="EUR", gateway="test", idempotency_key="r", card=card()).id
        db.session.commit()

    results, errors = run_concurrently(
        app, store_id, lambda: services.refund(store_id, payment_id, "10.00", platform_id=platform_id).amount)

    assert len(results) == 3 and len(errors) == THREADS - 3
    assert all(isinstance(error, services.RefundError) for error in errors)
    db.session.expire_all()
    with store_scope(store_id):
        assert db.session.get(Payment, payment_id).refunded_amount == 30
