"""Creating orders and moving them through the state machine."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from tests.modules.orders.conftest import PATHS, advance, order_data, ship_all
from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.contracts.events import OrderCancelled, OrderClosed, OrderDelivered, OrderPaid, OrderPlaced
from webapp.modules.messaging import services as messaging
from webapp.modules.messaging.models import OutboxMessage
from webapp.modules.orders import services
from webapp.modules.orders.models import OrderActivity


def fresh(store, order_id: int):
    db.session.expire_all()
    return services.get_order(store.id, order_id, with_details=True)


def kinds(order) -> list[str]:
    return [activity.kind for activity in order.activities]


def test_create_order_copies_lines_and_publishes_order_placed_once(demo, published):
    with store_scope(demo.acme.id):
        order = services.create_order(demo.acme.id, order_data(email=" Sam@Example.com "),
                                      platform_id=demo.acme.platform_id)
        db.session.commit()
    order = fresh(demo.acme, order.id)
    assert (order.status, order.payment_status, order.fulfilment_status) == ("open", "pending", "unfulfilled")
    assert (order.email, order.total) == ("sam@example.com", Decimal("55.00"))
    assert [(line.sku, line.quantity, line.line_total) for line in order.lines] == [
        ("TEE-M", 2, Decimal("40.00")), ("MUG", 1, Decimal("10.00"))]
    assert kinds(order) == ["placed"]
    assert [type(e) for e in published] == [OrderPlaced]
    assert published[0].order_id == order.id and published[0].store_id == demo.acme.id


def test_the_same_idempotency_key_returns_the_same_order(demo, published):
    with store_scope(demo.acme.id):
        first = services.create_order(demo.acme.id, order_data(idempotency_key="k-1"), platform_id=demo.main.id)
        again = services.create_order(demo.acme.id, order_data(idempotency_key="k-1"), platform_id=demo.main.id)
        other = services.create_order(demo.acme.id, order_data(idempotency_key="k-2"), platform_id=demo.main.id)
        db.session.commit()
    assert again.id == first.id and other.id != first.id
    assert other.number == first.number + 1
    assert sum(isinstance(e, OrderPlaced) for e in published) == 2


def test_an_idempotency_key_is_per_store(demo):
    with store_scope(demo.acme.id):
        acme = services.create_order(demo.acme.id, order_data(idempotency_key="same"), platform_id=demo.main.id)
    with store_scope(demo.bistro.id):
        bistro = services.create_order(demo.bistro.id, order_data(idempotency_key="same"),
                                       platform_id=demo.loyalty.id)
    assert acme.id != bistro.id


@pytest.mark.parametrize("changes", [
    {"lines": []}, {"email": ""}, {"currency": "EURO"}, {"total": Decimal("-1")}, {"subtotal": "abc"},
    {"lines": [services.NewOrderLine(1, "X", "X", 0, Decimal("1"))]},
    {"lines": [services.NewOrderLine(1, "X", "X", 1.5, Decimal("1"))]},
    {"lines": [services.NewOrderLine(1, "X", "", 1, Decimal("1"))]},
])
def test_inconsistent_order_data_is_refused(demo, changes):
    with store_scope(demo.acme.id), pytest.raises(services.InvalidOrder):
        services.create_order(demo.acme.id, order_data(**changes), platform_id=demo.main.id)


# What each story offers (states.available_actions, one place for the whole page).
OFFERED = {
    "pending": {"cancel", "add_note"},
    "paid": {"fulfil", "refund", "cancel", "add_note"},
    "shipped": {"mark_delivered", "mark_returned", "refund", "close", "add_note"},
    "delivered": {"mark_returned", "refund", "close", "add_note"},
    "cancelled": {"add_note"},
}


@pytest.mark.parametrize("story", list(PATHS))
def test_each_state_offers_only_what_both_statuses_allow(demo, make_order, story):
    assert services.available_actions(make_order(status=story)) == OFFERED[story]


STEPS = ("paid", "shipped", "delivered", "cancelled")


@pytest.mark.parametrize("start", list(PATHS))
@pytest.mark.parametrize("step", STEPS)
def test_refused_steps_raise_and_change_nothing(demo, make_order, start, step):
    order = make_order(status=start)
    before = (order.status, order.payment_status, order.fulfilment_status)
    action = {"shipped": "fulfil", "delivered": "mark_delivered", "cancelled": "cancel"}.get(step)
    allowed = (action in services.available_actions(order)) if action else before[1] == "pending"
    with store_scope(demo.acme.id):
        if allowed or (step == "paid" and order.paid_at is not None):
            advance(demo.acme, order.id, step)
            db.session.commit()
            return
        with pytest.raises(services.InvalidTransition):
            advance(demo.acme, order.id, step)
        db.session.rollback()
    order = fresh(demo.acme, order.id)
    assert (order.status, order.payment_status, order.fulfilment_status) == before


def test_a_shipped_partly_refunded_order_never_offers_shipping_again(demo, make_order, payments):
    order = make_order(status="shipped")
    payments.add(order)
    with store_scope(demo.acme.id):
        services.refund(demo.acme.id, order.id, Decimal("5.00"), actor_id=None, platform_id=demo.main.id)
        db.session.commit()
    order = fresh(demo.acme, order.id)
    assert (order.payment_status, order.fulfilment_status) == ("partially_refunded", "fulfilled")
    assert "fulfil" not in services.available_actions(order)
    with store_scope(demo.acme.id), pytest.raises(services.InvalidTransition):
        services.fulfil(demo.acme.id, order.id, {order.lines[0].id: 1}, actor_id=None, platform_id=demo.main.id)


def test_cancel_voids_a_pending_payment_and_close_completes_a_shipped_order(demo, make_order, published):
    pending, shipped = make_order(), make_order(status="shipped")
    with store_scope(demo.acme.id):
        services.cancel(demo.acme.id, pending.id, actor_id=None, platform_id=demo.main.id)
        services.close(demo.acme.id, shipped.id, actor_id=None, platform_id=demo.main.id)
        db.session.commit()
    pending, shipped = fresh(demo.acme, pending.id), fresh(demo.acme, shipped.id)
    assert (pending.status, pending.payment_status) == ("cancelled", "voided")
    assert (shipped.status, shipped.closed_at is not None) == ("closed", True)
    assert [type(e) for e in published][-1] is OrderClosed
    assert services.available_actions(shipped) == {"refund", "add_note"}


def test_mark_delivered_publishes_order_delivered(demo, make_order, published):
    order = make_order(status="shipped")
    with store_scope(demo.acme.id):
        services.mark_delivered(demo.acme.id, order.id, actor_id=None, platform_id=demo.main.id)
        db.session.commit()
    order = fresh(demo.acme, order.id)
    assert order.fulfilment_status == "delivered" and kinds(order)[-1] == "delivered"
    assert [type(e) for e in published][-1] is OrderDelivered


def test_mark_paid_twice_is_one_transition_and_one_event(demo, make_order, published):
    order = make_order()
    with store_scope(demo.acme.id):
        for _ in range(3):
            services.mark_paid(demo.acme.id, order.id, platform_id=demo.main.id, payment_id=7, amount="55.00")
        db.session.commit()
    order = fresh(demo.acme, order.id)
    assert order.payment_status == "paid" and order.paid_at is not None
    assert kinds(order) == ["placed", "paid"]
    assert sum(isinstance(e, OrderPaid) for e in published) == 1


@pytest.mark.parametrize("amount, currency", [("54.99", "EUR"), ("55.01", "EUR"), ("55.00", "USD"), ("junk", None)])
def test_a_payment_that_does_not_match_leaves_the_order_pending(demo, make_order, published, amount, currency):
    order = make_order()
    with store_scope(demo.acme.id):
        services.mark_paid(demo.acme.id, order.id, platform_id=demo.main.id, payment_id=3, amount=amount,
                           currency=currency)
        db.session.commit()
    order = fresh(demo.acme, order.id)
    assert order.payment_status == "pending" and order.paid_at is None
    assert kinds(order) == ["placed", "payment_mismatch"]
    assert not any(isinstance(e, OrderPaid) for e in published)


def test_ship_queues_the_shipped_email_in_the_customer_language(demo, make_order):
    order = make_order(status="paid", locale="fr")
    with store_scope(demo.acme.id):
        ship_all(demo.acme, order.id, tracking="LU9")
        db.session.commit()
    # The real messaging module stored it in its outbox (delivered in-process without Redis).
    [message] = db.session.scalars(select(OutboxMessage)).all()
    assert (message.store_id, message.template, message.to_address, message.locale) == (
        demo.acme.id, "orders/emails/shipped", "sam@example.com", "fr")
    assert message.subject == f"Votre commande n° {order.number} est en route"
    assert f"votre commande n° {order.number} chez Acme a été expédiée." in message.body_text
    assert "Mode de livraison : Post" in message.body_text and "Numéro de suivi : LU9" in message.body_text
    assert "Transporteur" not in message.body_text  # no carrier given


@pytest.mark.parametrize("locale", ["en", "fr", "de"])
def test_the_shipped_email_renders_in_each_language(app, demo, locale):
    rendered = messaging.render_email(
        "orders/emails/shipped", {"order_number": 1001, "tracking_number": "LU9", "store_name": "Acme",
                                  "shipping_method": "Post", "carrier": "DHL", "complete": False}, locale)
    assert "1001" in rendered.subject and "LU9" in rendered.text and "Acme" in rendered.text and "DHL" in rendered.text
    assert rendered.locale == locale


def test_cancel_publishes_order_cancelled_with_the_reason_on_the_timeline(demo, make_order, published):
    order = make_order()
    with store_scope(demo.acme.id):
        services.cancel(demo.acme.id, order.id, actor_id=demo.owner.id, platform_id=demo.main.id,
                        reason="Customer asked")
        db.session.commit()
    order = fresh(demo.acme, order.id)
    assert order.status == "cancelled" and order.cancelled_at is not None
    assert order.activities[-1].message == "Customer asked"
    assert [type(e) for e in published][-1] is OrderCancelled


def test_another_stores_order_is_not_found(demo, make_order):
    order = make_order(demo.acme)
    assert services.get_order(demo.bistro.id, order.id) is None
    assert services.get_by_number(demo.bistro.id, order.number) is None
    with store_scope(demo.bistro.id), pytest.raises(services.OrderNotFound):
        services.cancel(demo.bistro.id, order.id, actor_id=None, platform_id=demo.loyalty.id)
    with store_scope(demo.acme.id):
        assert db.session.scalar(select(func.count(OrderActivity.id))) == 1
