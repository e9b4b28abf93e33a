"""Shopper sign-up, sign-in and sign-out on the storefront, per store, on both URL schemes."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests.modules.customers.helpers import ACME, ACME_HOST, BISTRO, BISTRO_HOST, PASSWORD, text
from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.customers.models import Customer

SIGNUP = {"first_name": "Sam", "last_name": "Schmitz", "email": "Sam@Example.com", "password": PASSWORD,
          "password_confirm": PASSWORD}


def customers_of(store) -> list[Customer]:
    db.session.expire_all()
    with store_scope(store.id):
        return list(db.session.scalars(select(Customer)))


def count_customers() -> int:
    return db.session.scalar(select(func.count(Customer.id)).execution_options(all_stores=True))


def register(client, prefix=ACME, **changes):
    return client.post(f"{prefix}/account/register", data={**SIGNUP, **changes})


# ---- registration --------------------------------------------------------------------------------

def test_register_creates_the_account_signs_in_and_sends_a_welcome(client, demo, outbox):
    response = register(client)
    assert response.status_code == 303
    assert response.headers["Location"] == f"{ACME}/account/"
    [customer] = customers_of(demo.acme)
    assert (customer.email, customer.first_name, customer.password_hash is not None) == ("sam@example.com", "Sam",
                                                                                         True)
    assert [(e.template, e.to) for e in outbox] == [("customers/emails/welcome", "sam@example.com")]
    account = client.get(f"{ACME}/account/")
    assert account.status_code == 200
    assert "Hello, Sam Schmitz" in text(account) and "sam@example.com" in text(account)
    assert "No orders yet" in text(account)  # the orders slot renders nothing yet


def test_the_same_email_twice_on_one_store_is_refused(client, demo, shopper, outbox):
    response = register(client, email="SAM@example.com")
    assert response.status_code == 422
    assert "An account with this email already exists." in text(response)
    assert 'value="Schmitz"' in text(response)  # the input is kept
    assert count_customers() == 1 and outbox == []


def test_the_same_email_is_a_new_account_on_another_store(client, demo, shopper, outbox):
    response = register(client, prefix=BISTRO)
    assert response.status_code == 303
    assert [c.email for c in customers_of(demo.bistro)] == ["sam@example.com"]
    assert count_customers() == 2


@pytest.mark.parametrize(("changes", "message"), [
    ({"password": "short", "password_confirm": "short"}, "Use at least 10 characters."),
    ({"password": "password123", "password_confirm": "password123"}, "This password is too common."),
    ({"password_confirm": "something-else-entirely"}, "The passwords differ."),
    ({"email": "not-an-email"}, "Invalid email address."),
    ({"first_name": " \x00 "}, "This field is required."),
])
def test_bad_registrations_are_refused_with_a_message(client, demo, outbox, changes, message):
    response = register(client, **changes)
    assert response.status_code == 422
    assert message in text(response)
    assert count_customers() == 0 and outbox == []


def test_a_guest_email_cannot_be_claimed_by_registering(client, demo, make_customer):
    make_customer(email="sam@example.com", password=None)
    response = register(client)
    assert response.status_code == 422
    assert "reset your password" in text(response)


# ---- sign-in and sign-out -----------------------------------------------------------------------

def test_sign_in_follows_a_safe_next_and_ignores_an_external_one(client, demo, shopper):
    ok = client.post(f"{ACME}/account/login?next={ACME}/account/addresses",
                     data={"email": "SAM@example.com ", "password": PASSWORD})
    assert ok.status_code == 303 and ok.headers["Location"] == f"{ACME}/account/addresses"
    evil = client.post(f"{ACME}/account/login?next=//evil.example/", data={"email": "sam@example.com",
                                                                          "password": PASSWORD})
    assert evil.headers["Location"] == f"{ACME}/account/"


def test_wrong_password_unknown_email_and_guests_get_the_same_refusal(client, demo, shopper, make_customer):
    make_customer(email="guest@example.com", password=None)
    for email, password in (("sam@example.com", "wrong-password-1"), ("nobody@example.com", PASSWORD),
                            ("guest@example.com", PASSWORD)):
        response = client.post(f"{ACME}/account/login", data={"email": email, "password": password})
        assert response.status_code == 422
        assert "Email or password is incorrect." in text(response)
    assert client.get(f"{ACME}/account/").status_code == 302


def test_account_pages_send_visitors_to_sign_in(client, demo, htmx_headers):
    response = client.get(f"{ACME}/account/addresses")
    assert response.status_code == 302
    assert response.headers["Location"] == f"{ACME}/account/login?next={ACME}/account/addresses"
    partial = client.get(f"{ACME}/account/addresses", headers=htmx_headers)
    assert partial.status_code == 401
    assert partial.headers["HX-Redirect"].startswith(f"{ACME}/account/login")


def test_the_header_shows_sign_in_then_my_account(client, demo, shopper, sign_in_shopper):
    assert "Sign in" in text(client.get(f"{ACME}/")) and "My account" not in text(client.get(f"{ACME}/"))
    sign_in_shopper()
    home = text(client.get(f"{ACME}/"))
    assert "My account" in home and f'href="{ACME}/account/"' in home


def test_logout_is_post_only_and_ends_the_customer_session(client, demo, shopper, sign_in_shopper):
    sign_in_shopper()
    assert client.get(f"{ACME}/account/logout").status_code == 405
    response = client.post(f"{ACME}/account/logout")
    assert response.status_code == 303 and response.headers["Location"] == f"{ACME}/"
    assert client.get(f"{ACME}/account/").status_code == 302


def test_a_customer_is_not_a_platform_user(client, demo, shopper, sign_in_shopper):
    sign_in_shopper()
    assert client.get("/store/acme/").status_code == 302  # the dashboard still wants a staff sign-in
    with client.session_transaction() as session:
        assert "_user_id" not in session


# ---- one session per store -------------------------------------------------------------------------

def test_signed_in_on_acme_is_not_signed_in_on_bistro_dev_path(client, demo, shopper, make_customer,
                                                                sign_in_shopper):
    make_customer(demo.bistro, email="sam@example.com")
    sign_in_shopper()
    assert client.get(f"{ACME}/account/").status_code == 200
    assert client.get(f"{BISTRO}/account/").status_code == 302
    assert "My account" not in text(client.get(f"{BISTRO}/"))


def test_a_session_on_the_acme_host_is_not_sent_to_the_bistro_host(client, demo, shopper, sign_in_shopper):
    response = sign_in_shopper(prefix="", host=ACME_HOST)
    assert response.headers["Location"] == "/account/"  # links follow the store host's scheme
    cookie = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("orion_session="))
    assert "domain=" not in cookie.lower()  # host-only
    assert client.get("/account/", headers={"Host": ACME_HOST}).status_code == 200
    bistro = client.get("/account/", headers={"Host": BISTRO_HOST})
    assert bistro.status_code == 302 and bistro.headers["Location"].startswith("/account/login")


def test_a_password_change_elsewhere_ends_this_session(client, demo, shopper, sign_in_shopper):
    sign_in_shopper()
    with store_scope(demo.acme.id):
        customer = db.session.get(Customer, shopper.id)
        customer.session_version += 1
        db.session.commit()
    assert client.get(f"{ACME}/account/").status_code == 302


def test_closed_store_shows_the_closed_page(client, demo, shopper):
    from webapp.modules.tenancy.models import Store

    db.session.get(Store, demo.acme.id).status = "suspended"
    db.session.commit()
    client.application.extensions["orion.ports"]["tenant_directory"].invalidate()
    response = client.get(f"{ACME}/account/login")
    assert response.status_code == 503
    assert "Temporarily closed" in text(response)


# ---- abuse ------------------------------------------------------------------------------------------

def test_the_eleventh_login_post_in_a_minute_is_refused(client, demo, shopper):
    for _attempt in range(10):
        response = client.post(f"{ACME}/account/login", data={"email": "sam@example.com", "password": "nope-nope"})
        assert response.status_code == 422
    response = client.post(f"{ACME}/account/login", data={"email": "sam@example.com", "password": PASSWORD})
    assert response.status_code == 429
    assert client.get(f"{ACME}/account/").status_code == 302


def test_login_without_csrf_token_is_refused(client, demo, shopper):
    response = client.post(f"{ACME}/account/login", data={"email": "sam@example.com", "password": PASSWORD},
                           csrf=False)
    assert response.status_code == 400
    assert client.get(f"{ACME}/account/").status_code == 302


def test_register_without_csrf_token_saves_nothing(client, demo, outbox):
    assert register_without_token(client).status_code == 400
    assert count_customers() == 0


def register_without_token(client):
    return client.post(f"{ACME}/account/register", data=SIGNUP, csrf=False)


def test_junk_input_is_a_clear_422_never_a_500(client, demo, shopper, outbox):
    junk = {"email": "x" * 100_000, "password": "\x00" * 10, "first_name": "\u202e" * 500, "last_name": ""}
    for path in ("/account/login", "/account/register", "/account/password/forgot"):
        response = client.post(f"{ACME}{path}", data=junk, headers={"HX-Request": "junk", "HX-Target": "\x00"})
        assert response.status_code == 422, path
        assert "Field cannot be longer than 254 characters." in text(response), path
    assert count_customers() == 1 and outbox == []


# ---- events ---------------------------------------------------------------------------------------

def test_registering_and_signing_in_publish_events(client, demo, outbox, monkeypatch):
    from webapp.framework import events

    published = []
    real = events.publish

    def spy(event):  # the events still reach their handlers (the cart merging the guest cart)
        published.append(event)
        real(event)

    monkeypatch.setattr(events, "publish", spy)
    register(client)
    [customer] = customers_of(demo.acme)
    client.post(f"{ACME}/account/logout")
    client.post(f"{ACME}/account/login", data={"email": "sam@example.com", "password": PASSWORD})
    assert [(e.name, e.platform_id, e.store_id, e.customer_id) for e in published] == [
        ("customers.registered", demo.main.id, demo.acme.id, customer.id),
        ("customers.signed_in", demo.main.id, demo.acme.id, customer.id),
        ("customers.signed_in", demo.main.id, demo.acme.id, customer.id),
    ]
