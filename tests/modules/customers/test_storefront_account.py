"""The shopper's own pages: profile, password, addresses, data download and account deletion."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from tests.modules.customers.helpers import ACME, BISTRO, PASSWORD, text
from webapp.extensions import db
from webapp.framework.auth.passwords import verify_password
from webapp.framework.scoping import store_scope
from webapp.modules.customers import services
from webapp.modules.customers.models import Address, Customer

HOME = {"full_name": "Sam Schmitz", "street": "12 Rue du Marché", "postal_code": "L-1728", "city": "Luxembourg",
        "country": "LU", "phone": "+352 621 000 000"}


@pytest.fixture
def signed_in(client, demo, shopper, sign_in_shopper):
    sign_in_shopper()
    return shopper


def addresses_of(customer) -> list[Address]:
    db.session.expire_all()
    with store_scope(customer.store_id):
        return services.list_addresses(customer.store_id, customer.id)


def add(customer, **changes):
    with store_scope(customer.store_id):
        address = services.add_address(customer.store_id, customer.id, services.AddressData(**{**HOME, **changes}))
        db.session.commit()
        return address


# ---- profile and password --------------------------------------------------------------------------

def test_profile_changes_are_saved(client, signed_in):
    response = client.post(f"{ACME}/account/profile", data={"first_name": "Samuel", "last_name": "Schmitz",
                                                            "phone": "+352 1234", "locale": "fr",
                                                            "accepts_marketing": "y"})
    assert response.status_code == 303
    db.session.expire_all()
    with store_scope(signed_in.store_id):
        customer = db.session.get(Customer, signed_in.id)
        assert (customer.first_name, customer.phone, customer.locale, customer.accepts_marketing) == (
            "Samuel", "+352 1234", "fr", True)


def test_bad_profile_input_is_a_422_and_nothing_changes(client, signed_in):
    response = client.post(f"{ACME}/account/profile", data={"first_name": "", "last_name": "X" * 101,
                                                            "phone": "call me", "locale": "xx"})
    assert response.status_code == 422
    page = text(response)
    assert "This field is required." in page and "Use digits, spaces" in page and "Not a valid choice." in page
    db.session.expire_all()
    with store_scope(signed_in.store_id):
        assert db.session.get(Customer, signed_in.id).first_name == "Sam"


def test_password_change_needs_the_current_password_and_keeps_this_session(client, signed_in):
    wrong = client.post(f"{ACME}/account/password", data={"current_password": "not-it-at-all",
                                                          "password": "new-secret-99",
                                                          "password_confirm": "new-secret-99"})
    assert wrong.status_code == 422 and "This is not your current password." in text(wrong)
    ok = client.post(f"{ACME}/account/password", data={"current_password": PASSWORD, "password": "new-secret-99",
                                                       "password_confirm": "new-secret-99"})
    assert ok.status_code == 303
    assert client.get(f"{ACME}/account/").status_code == 200
    db.session.expire_all()
    with store_scope(signed_in.store_id):
        customer = db.session.get(Customer, signed_in.id)
        assert verify_password(customer.password_hash, "new-secret-99") and customer.session_version == 2


# ---- addresses -----------------------------------------------------------------------------------

def test_add_edit_and_list_addresses(client, signed_in):
    created = client.post(f"{ACME}/account/addresses/new", data=HOME)
    assert created.status_code == 303 and created.headers["Location"] == f"{ACME}/account/addresses"
    [address] = addresses_of(signed_in)
    assert (address.city, address.country, address.is_default) == ("Luxembourg", "LU", True)
    edited = client.post(f"{ACME}/account/addresses/{address.id}/edit", data={**HOME, "city": "Esch-sur-Alzette"})
    assert edited.status_code == 303
    page = text(client.get(f"{ACME}/account/addresses"))
    assert "Esch-sur-Alzette" in page and "Default" in page
    assert "Esch-sur-Alzette" in text(client.get(f"{ACME}/account/"))  # the default address on the overview


def test_a_bad_address_is_a_422_with_the_input_kept(client, signed_in):
    response = client.post(f"{ACME}/account/addresses/new", data={**HOME, "country": "XX", "postal_code": ""})
    assert response.status_code == 422
    assert "Not a valid choice." in text(response) and 'value="12 Rue du Marché"' in text(response)
    assert addresses_of(signed_in) == []


def test_default_moves_and_deleting_the_default_promotes_another(client, signed_in, htmx_headers):
    first, second = add(signed_in), add(signed_in, city="Diekirch")
    response = client.post(f"{ACME}/account/addresses/{second.id}/default", headers=htmx_headers)
    assert response.status_code == 200
    assert response.headers["HX-Trigger"] == "customers:addresses-changed"
    assert text(response).strip().startswith('<div id="address-list">')
    assert [(a.id, a.is_default) for a in addresses_of(signed_in)] == [(second.id, True), (first.id, False)]
    deleted = client.post(f"{ACME}/account/addresses/{second.id}/delete")
    assert deleted.status_code == 303
    assert [(a.id, a.is_default) for a in addresses_of(signed_in)] == [(first.id, True)]


def test_another_customers_address_does_not_exist(client, demo, signed_in, make_customer):
    other = make_customer(email="other@example.com")
    theirs = add(other)
    for method, path in (("get", "edit"), ("post", "edit"), ("post", "delete"), ("post", "default")):
        response = getattr(client, method)(f"{ACME}/account/addresses/{theirs.id}/{path}", data=HOME)
        assert response.status_code == 404, (method, path)
    assert [(a.city, a.is_default) for a in addresses_of(other)] == [("Luxembourg", True)]


def test_address_deletion_needs_csrf(client, signed_in):
    address = add(signed_in)
    assert client.post(f"{ACME}/account/addresses/{address.id}/delete", csrf=False).status_code == 400
    assert len(addresses_of(signed_in)) == 1


# ---- my data -------------------------------------------------------------------------------------

def test_the_export_holds_profile_and_addresses_only_of_this_customer(client, signed_in, make_customer):
    add(signed_in)
    add(make_customer(email="other@example.com"), street="Other street 1")
    response = client.get(f"{ACME}/account/data/export.json")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == 'attachment; filename="my-data-acme.json"'
    assert response.headers["Cache-Control"] == "no-store"
    data = json.loads(response.get_data())
    assert data["profile"]["email"] == "sam@example.com" and data["store"] == "Acme"
    assert [a["street"] for a in data["addresses"]] == [HOME["street"]]
    assert "other@example.com" not in response.get_data(as_text=True)


def test_deleting_the_account_needs_the_password_then_erases_everything(client, signed_in):
    add(signed_in)
    wrong = client.post(f"{ACME}/account/data/delete", data={"password": "not-my-password", "confirm": "y"})
    assert wrong.status_code == 422 and "This is not your password." in text(wrong)
    unconfirmed = client.post(f"{ACME}/account/data/delete", data={"password": PASSWORD})
    assert unconfirmed.status_code == 422 and "Please confirm." in text(unconfirmed)
    assert len(addresses_of(signed_in)) == 1

    done = client.post(f"{ACME}/account/data/delete", data={"password": PASSWORD, "confirm": "y"})
    assert done.status_code == 303 and done.headers["Location"] == f"{ACME}/"
    assert client.get(f"{ACME}/account/").status_code == 302
    counts = [db.session.scalar(select(func.count(m.id)).execution_options(all_stores=True)) for m in (Customer,
                                                                                                       Address)]
    assert counts == [0, 0]
    login = client.post(f"{ACME}/account/login", data={"email": "sam@example.com", "password": PASSWORD})
    assert login.status_code == 422


def test_account_pages_are_never_cached(client, signed_in):
    for path in ("/account/", "/account/profile", "/account/addresses", "/account/data"):
        response = client.get(f"{ACME}{path}")
        assert response.status_code == 200, path
        assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("lang", ["en", "fr", "de", "lb"])
def test_account_pages_render_in_every_language(client, signed_in, lang):
    add(signed_in)
    for path in ("/account/", "/account/profile", "/account/addresses", "/account/addresses/new", "/account/data"):
        assert client.get(f"{ACME}{path}?lang={lang}").status_code == 200, (path, lang)
    for path in ("/account/login", "/account/register", "/account/password/forgot"):
        assert client.get(f"{BISTRO}{path}?lang={lang}").status_code == 200, (path, lang)
