"""Storefront: a shopper's own orders and invoices, and the order slots on customer pages."""

from __future__ import annotations

from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.modules.orders.conftest import SHOPPER_PASSWORD
from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.orders import services
from webapp.modules.payments import services as payments_api

ACME = "/platforms/main/storefront/acme"


def text(response) -> str:
    return response.get_data(as_text=True)


@pytest.fixture
def sign_in(client):
    def sign_in(customer, prefix: str = ACME):
        response = client.post(f"{prefix}/account/login", data={"email": customer.email,
                                                                "password": SHOPPER_PASSWORD})
        assert response.status_code == 303, text(response)[:500]

    return sign_in


@pytest.fixture
def sam(make_customer):
    return make_customer(email="sam@example.com")


def test_a_shopper_sees_their_order(client, sign_in, sam, make_order):
    order = make_order(status="shipped", customer_id=sam.id)
    sign_in(sam)
    response = client.get(f"{ACME}/account/orders/{order.number}")
    body = text(response)
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    assert f"Order #{order.number}" in body and "T-shirt M" in body and "TRACK-1" in body
    assert "€55.00" in body


def test_a_shopper_never_sees_someone_elses_order(client, sign_in, sam, make_customer, make_order, demo):
    other = make_customer(email="other@example.com")
    theirs = make_order(customer_id=other.id, email=other.email)
    guest = make_order(customer_id=None, email=sam.email)  # same email, but not their account
    sign_in(sam)
    for number in (theirs.number, guest.number, 999999):
        assert client.get(f"{ACME}/account/orders/{number}").status_code == 404
        assert client.get(f"{ACME}/account/orders/{number}/invoice").status_code == 404


def test_a_shopper_of_another_store_sees_nothing(client, sign_in, demo, make_customer, make_order):
    acme_shopper = make_customer(email="x@example.com")
    bistro_shopper = make_customer(demo.bistro, email="x@example.com")
    order = make_order(customer_id=acme_shopper.id)
    make_order(demo.bistro, customer_id=bistro_shopper.id)
    sign_in(bistro_shopper, prefix="/platforms/loyalty/storefront/bistro")
    # The bistro session is no session on acme: sign in first.
    response = client.get(f"{ACME}/account/orders/{order.number}")
    assert response.status_code in (302, 303) and "/account/login" in response.headers["Location"]


def test_signed_out_shoppers_are_sent_to_sign_in_and_back(client, demo, make_order):
    order = make_order()
    response = client.get(f"{ACME}/account/orders/{order.number}")
    assert response.status_code in (302, 303)
    assert "/account/login" in response.headers["Location"]
    assert f"orders%2F{order.number}" in response.headers["Location"] or \
        f"orders/{order.number}" in response.headers["Location"]


def test_the_customer_invoice_prints(client, sign_in, sam, make_order):
    order = make_order(status="paid", customer_id=sam.id)
    sign_in(sam)
    response = client.get(f"{ACME}/account/orders/{order.number}/invoice")
    assert response.status_code == 200
    assert "Invoice" in text(response) and f"#{order.number}" in text(response) and "VAT 17" in text(response)
    assert "Acme Trading" in text(response) and "VAT number: LU12345613" in text(response)  # the seller


def test_the_account_page_lists_the_shoppers_orders(client, sign_in, sam, make_order):
    mine = make_order(customer_id=sam.id)
    not_mine = make_order(customer_id=None, email="someone@example.com")
    sign_in(sam)
    body = text(client.get(f"{ACME}/account/"))
    assert f"/account/orders/{mine.number}" in body
    assert f"/account/orders/{not_mine.number}" not in body


def test_the_merchant_customer_page_lists_their_orders(client, login_as, demo, sam, make_order):
    order = make_order(customer_id=sam.id)
    login_as(demo.owner)
    body = text(client.get(f"/store/acme/customers/{sam.id}"))
    assert f"/store/acme/orders/{order.id}" in body and f"#{order.number}" in body


@pytest.mark.parametrize("locale", ["en", "fr", "de", "lb"])
def test_order_pages_render_in_every_locale(client, sign_in, login_as, demo, sam, make_order, payments, locale):
    order = make_order(status="delivered", customer_id=sam.id)
    payments.add(order)
    sign_in(sam)
    for path in (f"{ACME}/account/orders/{order.number}", f"{ACME}/account/orders/{order.number}/invoice"):
        assert client.get(path, query_string={"lang": locale}).status_code == 200
    login_as(demo.owner)
    for path in ("/store/acme/orders/", f"/store/acme/orders/{order.id}", f"/store/acme/orders/{order.id}/invoice"):
        assert client.get(path, query_string={"lang": locale}).status_code == 200


def test_a_pending_bank_transfer_order_shows_how_to_pay(client, sign_in, sam, make_order, demo):
    with store_scope(demo.acme.id):
        payments_api.update_settings(demo.acme.id, enabled_gateways=["manual", "test"],
                                 manual_instructions="Transfer to IBAN LU28 0019 4006 4475 0000.")
        db.session.commit()
    order = make_order(customer_id=sam.id, payment_gateway="manual")
    sign_in(sam)
    body = text(client.get(f"{ACME}/account/orders/{order.number}"))
    assert "How to pay" in body and "IBAN LU28 0019 4006 4475 0000" in body and "Payment pending" in body
    paid = make_order(status="paid", customer_id=sam.id, payment_gateway="manual")
    assert "IBAN LU28" not in text(client.get(f"{ACME}/account/orders/{paid.number}"))


# ---- who may see an order: by id, per store, signed in -------------------------------------------

BISTRO = "/platforms/loyalty/storefront/bistro"


def test_an_order_of_another_store_is_not_found_even_naming_the_shopper(client, sign_in, demo, sam, make_order):
    bistro_line = services.NewOrderLine(variant_id=None, sku="SOUP", title="Bistro soup", quantity=1,
                                        unit_price=Decimal("55.00"), tax_rate=Decimal("17"))
    # A bistro order whose customer id is sam's (an id from another store): still not sam's order on acme.
    elsewhere = make_order(demo.bistro, customer_id=sam.id, email=sam.email, lines=[bistro_line])
    sign_in(sam)
    for path in (f"{ACME}/account/orders/{elsewhere.number}", f"{ACME}/account/orders/{elsewhere.number}/invoice"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "Bistro soup" not in text(response)
    # The same number in acme is acme's own order: that one is shown, never the bistro's.
    mine = make_order(customer_id=sam.id)
    assert mine.number == elsewhere.number  # numbering is per store
    body = text(client.get(f"{ACME}/account/orders/{mine.number}"))
    assert "T-shirt M" in body and "Bistro soup" not in body


def test_the_sign_in_redirect_comes_back_to_the_order(client, demo, sam, make_order):
    order = make_order(customer_id=sam.id)
    path = f"{ACME}/account/orders/{order.number}/invoice"
    response = client.get(path, query_string={"lang": "fr"})
    assert response.status_code == 302
    login = urlsplit(response.headers["Location"])
    assert login.path == f"{ACME}/account/login"
    assert parse_qs(login.query) == {"next": [f"{path}?lang=fr"]}
    assert "Cache-Control" in response.headers and response.headers["Cache-Control"] == "no-store"
    signed_in = client.post(response.headers["Location"], data={"email": sam.email, "password": SHOPPER_PASSWORD})
    assert signed_in.status_code == 303 and signed_in.headers["Location"] == f"{path}?lang=fr"
    assert client.get(signed_in.headers["Location"]).status_code == 200


def test_htmx_requests_of_anonymous_shoppers_get_401_with_hx_redirect(client, demo, sam, make_order):
    order = make_order(customer_id=sam.id)
    for path in (f"{ACME}/account/orders/{order.number}", f"{ACME}/account/orders/{order.number}/invoice"):
        response = client.get(path, headers={"HX-Request": "true"})
        assert response.status_code == 401, path
        target = urlsplit(response.headers["HX-Redirect"])
        assert target.path == f"{ACME}/account/login" and parse_qs(target.query) == {"next": [path]}
        assert "T-shirt M" not in text(response) and "Location" not in response.headers


def test_a_bistro_session_is_no_session_on_acme_for_htmx_either(client, sign_in, demo, make_customer, make_order):
    bistro_shopper = make_customer(demo.bistro, email="x@example.com")
    order = make_order(customer_id=make_customer(email="x@example.com").id)
    sign_in(bistro_shopper, prefix=BISTRO)
    response = client.get(f"{ACME}/account/orders/{order.number}", headers={"HX-Request": "true"})
    assert response.status_code == 401 and "/account/login" in response.headers["HX-Redirect"]
