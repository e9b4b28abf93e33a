"""Refunds through the payment gateway: partial, full, refused; and the paid event from payments."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.modules.orders.test_services import fresh, kinds
from webapp.extensions import db
from webapp.framework import events
from webapp.framework.scoping import store_scope
from webapp.modules.contracts.events import OrderRefunded, PaymentSucceeded
from webapp.modules.customers import services as customers
from webapp.modules.orders import services
from webapp.modules.payments import services as payments_api


def refund(demo, order, amount):
    with store_scope(demo.acme.id):
        result = services.refund(demo.acme.id, order.id, amount, actor_id=demo.owner.id, platform_id=demo.main.id)
        db.session.commit()
        return result


def test_partial_then_full_refund(demo, make_order, payments, published):
    order = make_order(status="delivered")
    payments.add(order)
    refund(demo, order, Decimal("10.00"))
    assert fresh(demo.acme, order.id).payment_status == "partially_refunded"
    refund(demo, order, "45.00")
    order = fresh(demo.acme, order.id)
    assert (order.payment_status, order.refunded_total) == ("refunded", Decimal("55.00"))
    assert payments.refunds == [(1, Decimal("10.00")), (1, Decimal("45.00"))]
    assert kinds(order)[-2:] == ["partially_refunded", "refunded"]
    refunded = [e for e in published if isinstance(e, OrderRefunded)]
    assert [(e.amount, e.full) for e in refunded] == [("10.00", False), ("45.00", True)]


def test_a_refund_is_split_over_several_payments(demo, make_order, payments):
    order = make_order(status="paid")
    payments.add(order, Decimal("30.00"))
    payments.add(order, Decimal("25.00"))
    payments.add(order, Decimal("99.00"), status="failed")
    refund(demo, order, Decimal("40.00"))
    assert payments.refunds == [(1, Decimal("30.00")), (2, Decimal("10.00"))]


@pytest.mark.parametrize("amount, reason", [
    (Decimal("0"), "amount"), (Decimal("-5"), "amount"), ("abc", "amount"), ("NaN", "amount"),
    (Decimal("55.01"), "too_much"),
])
def test_bad_amounts_are_refused_and_nothing_is_refunded(demo, make_order, payments, amount, reason):
    order = make_order(status="paid")
    payments.add(order)
    with pytest.raises(services.RefundError) as refused:
        refund(demo, order, amount)
    assert refused.value.reason == reason
    db.session.rollback()
    assert payments.refunds == [] and fresh(demo.acme, order.id).payment_status == "paid"


def test_no_captured_payment_is_a_clear_error(demo, make_order, payments):
    order = make_order(status="paid")
    payments.add(order, status="failed")
    with pytest.raises(services.RefundError) as refused:
        refund(demo, order, Decimal("5"))
    assert refused.value.reason == "no_payment"


def test_a_gateway_refusal_refunds_nothing(demo, make_order, payments):
    order = make_order(status="paid")
    payments.add(order, refunds_refused=True)
    with pytest.raises(services.RefundError) as refused:
        refund(demo, order, Decimal("5"))
    assert refused.value.reason == "gateway"
    db.session.rollback()
    assert fresh(demo.acme, order.id).refunded_total == Decimal("0")


def test_pending_and_cancelled_orders_cannot_be_refunded(demo, make_order, payments):
    for status in ("pending", "cancelled"):
        order = make_order(status=status)
        # A captured payment that does not pay the order (not its total): the order keeps its status.
        payments.add(order, Decimal("1.00"))
        assert fresh(demo.acme, order.id).payment_status == ("pending" if status == "pending" else "voided")
        with pytest.raises(services.InvalidTransition):
            refund(demo, order, Decimal("1"))
        db.session.rollback()


def test_refunds_update_the_customer_figures(demo, make_order, make_customer, payments):
    customer = make_customer(email="fig@example.com")
    order = make_order(customer_id=customer.id, email=customer.email)
    with store_scope(demo.acme.id):
        events.publish(PaymentSucceeded(platform_id=demo.main.id, store_id=demo.acme.id, payment_id=1,
                                        order_id=order.id, amount="55.00", currency="EUR"))
        db.session.commit()
    payments.add(order)
    refund(demo, order, Decimal("5.00"))
    db.session.expire_all()
    customer = customers.get_customer(demo.acme.id, customer.id)
    assert (customer.orders_count, customer.total_spent) == (1, Decimal("50.00"))


def test_payment_succeeded_marks_the_order_paid_once(demo, make_order, published):
    order = make_order()
    event = PaymentSucceeded(platform_id=demo.main.id, store_id=demo.acme.id, payment_id=9, order_id=order.id,
                             amount="55.00", currency="EUR")
    for _ in range(10):
        events.publish(event)
    db.session.commit()
    order = fresh(demo.acme, order.id)
    assert order.payment_status == "paid" and kinds(order) == ["placed", "paid"]
    assert sum(e.name == "orders.paid" for e in published) == 1


def test_payment_for_a_cancelled_order_is_noted_not_applied(demo, make_order):
    order = make_order(status="cancelled")
    events.publish(PaymentSucceeded(platform_id=demo.main.id, store_id=demo.acme.id, payment_id=9,
                                    order_id=order.id, amount="55.00", currency="EUR"))
    db.session.commit()
    order = fresh(demo.acme, order.id)
    assert order.status == "cancelled" and kinds(order)[-1] == "payment_unexpected"


def test_a_payment_naming_another_stores_order_changes_nothing(demo, make_order):
    order = make_order(demo.acme)
    events.publish(PaymentSucceeded(platform_id=demo.loyalty.id, store_id=demo.bistro.id, payment_id=9,
                                    order_id=order.id, amount="55.00", currency="EUR"))
    db.session.commit()
    assert fresh(demo.acme, order.id).payment_status == "pending"


def test_real_test_gateway_payment_then_refund(demo, make_order):
    """With the real payments module: a card payment pays the order, a refund goes through its gateway."""
    order = make_order()
    with store_scope(demo.acme.id):
        payments_api.start_payment(demo.acme.id, platform_id=demo.main.id, order_id=order.id, amount=order.total,
                          currency="EUR", gateway="test", idempotency_key="pay-1",
                          card=payments_api.CardInput("4242424242424242", 12, date.today().year + 1, "123"))
        db.session.commit()
    assert fresh(demo.acme, order.id).payment_status == "paid"
    refund(demo, order, Decimal("20.00"))
    with store_scope(demo.acme.id):
        payment = payments_api.payments_for_order(demo.acme.id, order.id)[0]
    assert (payment.status, payment.refunded_amount) == ("partially_refunded", Decimal("20.00"))
    assert fresh(demo.acme, order.id).payment_status == "partially_refunded"
