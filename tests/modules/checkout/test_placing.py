"""Placing and paying: guest checkout to a paid order, pay again, double submission, forged fields, emails."""

from __future__ import annotations

import re
from decimal import Decimal

from sqlalchemy import select

from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.catalog.models import Variant
from webapp.modules.checkout import services
from webapp.modules.inventory.services import adjust, stock_figures
from webapp.modules.messaging.models import OutboxMessage
from webapp.modules.orders.models import Order
from webapp.modules.payments import services as payments

from .conftest import (
    ACME,
    BISTRO,
    DECLINED_CARD,
    GOOD_CARD,
    add_to_cart,
    checkout_row,
    count,
    place,
    text,
    to_review,
)


def orders(store_id: int) -> list[Order]:
    with store_scope(store_id):
        db.session.expire_all()
        return list(db.session.scalars(select(Order).order_by(Order.id)))


def on_hand(store_id: int, variant_id: int) -> int:
    with store_scope(store_id):
        item_id = db.session.get(Variant, variant_id).inventory_item_id
        return stock_figures(store_id, [item_id])[item_id].on_hand


def payments_of(store_id: int, order_id: int):
    with store_scope(store_id):
        return payments.payments_for_order(store_id, order_id)


def test_guest_checkout_with_the_test_card_ends_paid(client, shop):
    add_to_cart(client, shop.tee, 2)
    key = to_review(client)
    response = place(client, key)
    assert response.status_code == 303 and "/checkout/complete/" in response.headers["Location"]
    (order,) = orders(shop.acme.id)
    assert (order.total, order.subtotal, order.shipping_total, order.tax_total) == (
        Decimal("44.70"), Decimal("39.80"), Decimal("4.90"), Decimal("6.49"))
    assert order.payment_status == "paid" and order.email == "jane@example.com" and order.customer_id is not None
    assert [p.status for p in payments_of(shop.acme.id, order.id)] == ["succeeded"]
    assert on_hand(shop.acme.id, shop.tee) == 3
    page = client.get(response.headers["Location"])
    assert page.status_code == 200 and f"Your order number is {order.number}" in text(page)
    assert "Paid" in text(page) and "Thank you! Your payment was received." in text(page)
    cart = text(client.get(f"{ACME}/cart"))
    assert "Tee" not in cart  # the cart was emptied
    assert client.get(f"{ACME}/checkout").status_code == 303


def test_the_confirmation_email_is_queued(client, shop):
    add_to_cart(client, shop.mug, 1)
    place(client, to_review(client))
    (order,) = orders(shop.acme.id)
    message = db.session.scalar(select(OutboxMessage).where(OutboxMessage.store_id == shop.acme.id,
                                                            OutboxMessage.template.like("checkout/%")))
    assert message.to_address == "jane@example.com"
    assert message.subject == f"Your order {order.number} is confirmed"
    assert "1 \u00d7 Mug: €8.50" in message.body_text and "Total: €13.40" in message.body_text


def test_manual_payment_shows_the_instructions_in_page_and_email(client, shop):
    with store_scope(shop.acme.id):
        payments.update_settings(shop.acme.id, enabled_gateways=["manual", "test"],
                                 manual_instructions="IBAN LU00 0000 0000 0000 0000")
        db.session.commit()
    add_to_cart(client, shop.mug, 1)
    response = place(client, to_review(client, gateway="manual"), card=None)
    (order,) = orders(shop.acme.id)
    assert order.payment_status == "pending"
    page = text(client.get(response.headers["Location"]))
    assert "IBAN LU00" in page and 'name="card_number"' not in page
    body = db.session.scalar(select(OutboxMessage.body_text).where(OutboxMessage.store_id == shop.acme.id))
    assert "IBAN LU00" in body


def test_a_declined_card_leaves_the_order_pending_and_pay_again_works(client, shop):
    add_to_cart(client, shop.tee, 1)
    response = place(client, to_review(client), card=DECLINED_CARD)
    complete = response.headers["Location"]
    (order,) = orders(shop.acme.id)
    assert order.payment_status == "pending" and on_hand(shop.acme.id, shop.tee) == 4  # stock is held by the order
    page = text(client.get(complete))
    assert "Your card was declined." in page and 'name="attempt"' in page and 'value="2"' in page
    retried = client.post(f"{complete}/pay", data={"attempt": "2", **GOOD_CARD}, headers={"HX-Request": "true"})
    assert retried.status_code == 200 and text(retried).lstrip().startswith('<article id="checkout-payment"')
    assert "Thank you! Your payment was received." in text(retried)
    assert orders(shop.acme.id)[0].payment_status == "paid"
    assert sorted(p.status for p in payments_of(shop.acme.id, order.id)) == ["failed", "succeeded"]
    again = client.post(f"{complete}/pay", data={"attempt": "3", **GOOD_CARD})
    assert again.status_code == 303 and len(payments_of(shop.acme.id, order.id)) == 2  # paid: no new charge


def test_a_card_asking_for_a_retry_succeeds_on_the_next_attempt(client, shop):
    retry_card = {**GOOD_CARD, "card_number": "4000000000009995"}
    add_to_cart(client, shop.tee, 1)
    complete = place(client, to_review(client), card=retry_card).headers["Location"]
    assert "Temporary problem, please try again." in text(client.get(complete))
    client.post(f"{complete}/pay", data={"attempt": "2", **retry_card})
    assert orders(shop.acme.id)[0].payment_status == "paid"


def test_a_pay_again_form_from_an_old_page_does_not_charge_twice(client, shop):
    add_to_cart(client, shop.tee, 1)
    complete = place(client, to_review(client), card=DECLINED_CARD).headers["Location"]
    order_id = orders(shop.acme.id)[0].id
    assert client.post(f"{complete}/pay", data={"attempt": "7", **GOOD_CARD}).status_code == 303
    assert len(payments_of(shop.acme.id, order_id)) == 1  # unknown attempt: refused
    for _ in range(2):  # attempt 1 again: the same idempotency key, the same declined payment
        client.post(f"{complete}/pay", data={"attempt": "1", **GOOD_CARD})
    assert len(payments_of(shop.acme.id, order_id)) == 1


def test_the_same_form_submitted_twice_makes_one_order_and_one_payment(client, shop):
    add_to_cart(client, shop.tee, 1)
    key = to_review(client)
    first, second = place(client, key), place(client, key)
    assert first.status_code == second.status_code == 303
    assert first.headers["Location"] == second.headers["Location"]
    (order,) = orders(shop.acme.id)
    assert len(payments_of(shop.acme.id, order.id)) == 1 and on_hand(shop.acme.id, shop.tee) == 4


def test_card_details_are_required_for_the_card_gateway(client, shop):
    add_to_cart(client, shop.tee, 1)
    response = place(client, to_review(client), card={"card_number": "4242 4242 4242 4242"})
    assert response.status_code == 422 and "This field is required." in text(response)
    assert orders(shop.acme.id) == []


def test_posted_prices_totals_currency_and_store_are_ignored(client, shop):
    add_to_cart(client, shop.mug, 2)
    key = to_review(client)
    place(client, key, price="0.01", unit_price="0.01", total="0.01", subtotal="0.01", currency="USD",
          store_id=str(shop.bistro.id), tax_total="0", shipping_total="0", discount="100")
    (order,) = orders(shop.acme.id)
    assert (order.total, order.currency, order.store_id) == (Decimal("21.90"), "EUR", shop.acme.id)
    assert orders(shop.bistro.id) == []


def test_sold_out_at_the_last_moment_places_nothing(client, shop):
    add_to_cart(client, shop.mug, 2)
    key = to_review(client)
    with store_scope(shop.acme.id):
        item_id = db.session.get(Variant, shop.mug).inventory_item_id
        adjust(shop.acme.id, item_id, -2, reason="correction")  # someone else bought them meanwhile
        db.session.commit()
    response = place(client, key)
    assert response.status_code in (303, 409)
    assert orders(shop.acme.id) == [] and on_hand(shop.acme.id, shop.mug) == 1


def test_another_stores_token_is_not_found(client, shop):
    add_to_cart(client, shop.tee, 1)
    complete = place(client, to_review(client)).headers["Location"]
    token = complete.rsplit("/", 1)[-1]
    assert client.get(f"{BISTRO}/checkout/complete/{token}").status_code == 404
    assert client.post(f"{BISTRO}/checkout/complete/{token}/pay", data={"attempt": "2", **GOOD_CARD}).status_code == 404
    assert client.get(f"{ACME}/checkout/complete/{'x' * 43}").status_code == 404
    add_to_cart(client, shop.mug, 1)
    to_review(client)
    open_token = checkout_row(shop.acme.id).token
    assert client.get(f"{ACME}/checkout/complete/{open_token}").status_code == 404  # not placed yet
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", token) and count(Order, shop.bistro.id) == 0


def test_prices_excluding_vat_are_shown_and_ordered_with_vat_added(client, shop):
    with store_scope(shop.acme.id):
        services.set_prices_include_tax(shop.acme.id, False)
        db.session.commit()
    add_to_cart(client, shop.tee, 2)
    key = to_review(client, country="DE")
    review = text(client.get(f"{ACME}/checkout/review"))
    assert "Subtotal (excl. VAT)" in review and "VAT (19%)" in review and "€53.19" in review
    place(client, key)
    (order,) = orders(shop.acme.id)
    assert (order.subtotal, order.tax_total, order.total, order.prices_include_tax) == (
        Decimal("39.80"), Decimal("8.49"), Decimal("53.19"), False)
