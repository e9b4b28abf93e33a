"""Merchant pages: the payments list, marking manual payments paid, and the settings form."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.modules.orders.conftest import order_data
from tests.modules.payments.conftest import STRIPE_KEYS, pay
from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.orders import services as orders
from webapp.modules.payments import services
from webapp.modules.payments.models import Payment

pytestmark = pytest.mark.usefixtures("isolated_requests")
SETTINGS = "/store/acme/payments/settings"


def text(response) -> str:
    return response.get_data(as_text=True)


def order_id(store, **overrides) -> int:
    with store_scope(store.id):
        return orders.create_order(store.id, order_data(**overrides), platform_id=store.platform_id).id


@pytest.fixture
def payments(demo):
    first, second = order_id(demo.acme, payment_gateway="manual"), order_id(demo.acme)  # numbers 1001, 1002
    bistro_order = order_id(demo.bistro, payment_gateway="manual")
    with store_scope(demo.acme.id):
        manual = pay(demo.acme, "k-manual", gateway="manual", order_id=first, amount="25.00")
        card = pay(demo.acme, "k-card", order_id=second, amount="49.90")
    with store_scope(demo.bistro.id):
        bistro = pay(demo.bistro, "k-bistro", gateway="manual", order_id=bistro_order, amount="12.00")
    db.session.commit()
    return {"manual": manual.id, "card": card.id, "bistro": bistro.id, "orders": (first, second)}


def status_of(payment_id) -> str:
    db.session.expire_all()
    return db.session.get(Payment, payment_id, execution_options={"all_stores": True}).status


def test_owner_sees_the_store_payments_only(client, demo, login_as, payments):
    login_as(demo.owner)
    page = text(client.get("/store/acme/payments/"))
    first, second = payments["orders"]
    assert f'<a href="/store/acme/orders/{first}">#1001</a>' in page
    assert f'<a href="/store/acme/orders/{second}">#1002</a>' in page
    assert "€12.00" not in page  # bistro's payment
    assert "Bank transfer or pay on pickup" in page and "Test card (no real money)" in page  # labels, not codes
    assert ">manual<" not in page and ">test<" not in page
    assert "€25.00" in page and "••••&nbsp;4242" in page
    assert page.count("Mark as paid<") == 1  # only the pending manual payment
    assert 'href="/store/acme/payments/"' in page  # the menu entry


def test_htmx_gets_the_table_only(client, demo, login_as, payments, htmx_headers):
    login_as(demo.owner)
    response = client.get("/store/acme/payments/?page=1", headers=htmx_headers)
    assert text(response).lstrip().startswith('<div id="payment-table">')


def test_mark_paid_with_a_plain_post(client, demo, login_as, payments, published):
    login_as(demo.owner)
    response = client.post(f"/store/acme/payments/{payments['manual']}/mark-paid")
    assert response.status_code == 303
    assert status_of(payments["manual"]) == "succeeded"
    assert "The payment is marked as paid." in text(client.get(response.headers["Location"]))
    assert [event.name for event in published] == ["payments.succeeded"]
    assert client.post(f"/store/acme/payments/{payments['manual']}/mark-paid").status_code == 409  # second click


def test_mark_paid_with_htmx_returns_the_row(client, demo, login_as, payments, htmx_headers):
    login_as(demo.owner)
    response = client.post(f"/store/acme/payments/{payments['manual']}/mark-paid", headers=htmx_headers)
    assert response.status_code == 200
    assert text(response).lstrip().startswith(f'<tr id="payment-{payments["manual"]}">')
    assert "Paid" in text(response) and "Mark as paid" not in text(response)
    assert response.headers["HX-Trigger"] == "payments:payment-paid"


def test_mark_paid_without_a_csrf_token_changes_nothing(client, demo, login_as, payments):
    login_as(demo.owner)
    response = client.post(f"/store/acme/payments/{payments['manual']}/mark-paid", csrf=False)
    assert response.status_code == 400
    assert status_of(payments["manual"]) == "pending"


def test_another_store_payment_is_not_found(client, demo, login_as, payments):
    login_as(demo.bistro_owner)
    assert client.post(f"/store/bistro/payments/{payments['manual']}/mark-paid").status_code == 404
    assert client.post(f"/store/acme/payments/{payments['manual']}/mark-paid").status_code == 404
    assert client.get("/store/acme/payments/").status_code == 404
    assert status_of(payments["manual"]) == "pending"


def test_card_payments_cannot_be_marked_paid(client, demo, login_as, payments):
    login_as(demo.owner)
    assert client.post(f"/store/acme/payments/{payments['card']}/mark-paid").status_code == 409


def test_staff_may_not_see_or_change_payments(client, demo, login_as, payments):
    login_as(demo.staff)
    assert client.get("/store/acme/payments/").status_code == 403
    assert client.post(f"/store/acme/payments/{payments['manual']}/mark-paid").status_code == 403
    assert client.get(SETTINGS).status_code == 403
    assert status_of(payments["manual"]) == "pending"


def test_settings_page_shows_defaults_without_saving(client, demo, login_as):
    login_as(demo.owner)
    page = text(client.get(SETTINGS))
    assert re.search(r'<input checked id="enabled_gateways-0" name="enabled_gateways" type="checkbox" value="manual">',
                     page)
    assert "/api/v1/payments/webhooks/stripe" in page
    with store_scope(demo.acme.id):
        assert services.current_settings(demo.acme.id).id is None


def test_saving_settings(client, demo, login_as):
    login_as(demo.owner)
    response = client.post(SETTINGS, data={"enabled_gateways": ["manual", "stripe"], "manual_instructions": "IBAN LU01",
                                           **STRIPE_KEYS})
    assert response.status_code == 303
    with store_scope(demo.acme.id):
        saved = services.current_settings(demo.acme.id)
        assert (saved.enabled_gateways, saved.stripe_secret_key) == (["manual", "stripe"],
                                                                     STRIPE_KEYS["stripe_secret_key"])


def test_secrets_are_never_echoed(client, demo, login_as):
    login_as(demo.owner)
    client.post(SETTINGS, data={"enabled_gateways": ["stripe"], "manual_instructions": "", **STRIPE_KEYS})
    page = text(client.get(SETTINGS))
    assert STRIPE_KEYS["stripe_secret_key"] not in page and STRIPE_KEYS["stripe_webhook_secret"] not in page
    assert page.count("Set. Leave empty to keep it.") == 2
    assert STRIPE_KEYS["stripe_publishable_key"] in page  # public by design
    invalid = text(client.post(SETTINGS, data={"enabled_gateways": ["stripe"], "manual_instructions": "",
                                               "stripe_secret_key": "sk_test_new_but_invalid!!"}))
    assert "sk_test_new_but_invalid" not in invalid


@pytest.mark.parametrize("data, message", [
    ({"enabled_gateways": ["stripe"]}, "Required to accept payments with Stripe."),
    ({}, "Choose at least one payment method."),
    ({"enabled_gateways": ["bitcoin"]}, "is not a valid choice"),
    ({"enabled_gateways": ["test"], "stripe_secret_key": "pk_live_wrong_kind"}, "the right Stripe key"),
    ({"enabled_gateways": ["manual"], "manual_instructions": "IBAN\x00"}, "control characters"),
    ({"enabled_gateways": ["manual"], "manual_instructions": "x" * 2001}, "2000"),
])
def test_invalid_settings_give_422_with_the_input_kept(client, demo, login_as, data, message):
    login_as(demo.owner)
    response = client.post(SETTINGS, data={"manual_instructions": "Pay to LU99", **data})
    assert response.status_code == 422
    assert message in text(response)
    assert "Pay to LU99" in text(response) or "manual_instructions" in data
    with store_scope(demo.acme.id):
        assert services.current_settings(demo.acme.id).id is None  # nothing half-saved


def test_htmx_settings_errors_come_back_as_the_form_fragment(client, demo, login_as, htmx_headers):
    login_as(demo.owner)
    response = client.post(SETTINGS, data={"enabled_gateways": ["stripe"]}, headers=htmx_headers)
    assert response.status_code == 422
    assert text(response).lstrip().startswith('<form id="payment-settings"')


def test_any_text_gets_an_answer_never_a_500(client, demo, login_as):
    login_as(demo.owner)  # once: sign-in is rate-limited

    @settings(max_examples=40, deadline=None)
    @given(instructions=st.text(max_size=3000), key=st.text(max_size=300), gateway=st.text(max_size=20))
    def check(instructions, key, gateway):
        response = client.post(SETTINGS, data={"enabled_gateways": ["manual", gateway],
                                               "manual_instructions": instructions, "stripe_secret_key": key})
        assert response.status_code in (303, 422)

    check()
