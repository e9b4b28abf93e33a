"""Merchant dashboard: shipping methods, tax display and VAT rates, with 422 on bad input."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from sqlalchemy import select

from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.checkout import services
from webapp.modules.checkout.models import ShippingMethod, TaxRate

BASE = "/store/acme/checkout"
HX = {"HX-Request": "true"}
METHOD = {"code": "pickup", "label": "Pick up in the shop", "price": "0", "free_over": "", "position": "30",
          "active": "y"}


def text(response) -> str:
    return response.get_data(as_text=True)


def methods(store_id: int) -> dict[str, ShippingMethod]:
    with store_scope(store_id):
        db.session.expire_all()
        found = {m.code: m for m in services.list_shipping_methods(store_id)}
        db.session.commit()  # the defaults the first call may create
        return found


@pytest.fixture
def owner(demo, login_as):
    login_as(demo.owner)
    return demo


def test_the_settings_page_lists_defaults_and_is_in_the_menu(client, owner):
    page = client.get(f"{BASE}/")
    assert page.status_code == 200
    for expected in ("Checkout settings", "Standard delivery", "Express delivery", "€4.90", "€50.00", "Luxembourg",
                     "17 %"):
        assert expected in text(page)
    assert 'href="/store/acme/checkout/"' in text(client.get("/store/acme/"))


def test_staff_may_not_change_checkout_settings(client, demo, login_as):
    login_as(demo.staff)
    assert client.get(f"{BASE}/").status_code == 403
    assert client.post(f"{BASE}/shipping-methods", data=METHOD).status_code == 403
    assert "pickup" not in methods(demo.acme.id)


def test_a_shipping_method_is_added_with_htmx_or_a_redirect(client, owner):
    response = client.post(f"{BASE}/shipping-methods", data=METHOD, headers=HX)
    assert response.status_code == 200 and response.headers["HX-Trigger"] == "checkout:shipping-method-created"
    assert text(response).lstrip().startswith('<section id="checkout-methods"') and "Pick up in the shop" in text(
        response)
    response = client.post(f"{BASE}/shipping-methods", data={**METHOD, "code": "bike", "price": "3.5",
                                                            "free_over": "20"})
    assert response.status_code == 303
    bike = methods(owner.acme.id)["bike"]
    assert (bike.price, bike.free_over, bike.active) == (Decimal("3.50"), Decimal("20.00"), True)


@pytest.mark.parametrize("changes, field", [({"price": "-1"}, "price"), ({"free_over": "-0.01"}, "free_over"),
                                            ({"price": "NaN"}, "price"), ({"price": "abc"}, "price"),
                                            ({"code": "standard"}, "code"), ({"code": "Not OK"}, "code"),
                                            ({"label": ""}, "label")])
def test_bad_shipping_methods_get_422_and_keep_the_input(client, owner, changes, field):
    response = client.post(f"{BASE}/shipping-methods", data={**METHOD, **changes, "label": changes.get(
        "label", "Keep me")}, headers=HX)
    assert response.status_code == 422 and f'id="{field}-error"' in text(response)
    if field != "label":
        assert 'value="Keep me"' in text(response)
    assert set(methods(owner.acme.id)) == {"standard", "express"}


def test_a_shipping_method_is_edited_and_removed(client, owner):
    standard = methods(owner.acme.id)["standard"]
    assert client.get(f"{BASE}/shipping-methods/{standard.id}").status_code == 200
    data = {"code": "standard", "label": "Standard", "price": "5.50", "free_over": "", "position": "1"}
    response = client.post(f"{BASE}/shipping-methods/{standard.id}", data=data)
    assert response.status_code == 303
    changed = methods(owner.acme.id)["standard"]
    assert (changed.price, changed.free_over, changed.active) == (Decimal("5.50"), None, False)
    bad = client.post(f"{BASE}/shipping-methods/{standard.id}", data={**data, "code": "express"})
    assert bad.status_code == 422 and "Another shipping method uses this code." in text(bad)
    response = client.post(f"{BASE}/shipping-methods/{standard.id}/delete", headers=HX)
    assert response.status_code == 200 and "standard" not in methods(owner.acme.id)


def test_the_remove_button_asks_first_and_posts_its_own_token(client, owner):
    standard = methods(owner.acme.id)["standard"]
    delete_url = f"{BASE}/shipping-methods/{standard.id}/delete"
    form = text(client.get(f"{BASE}/")).split(f'action="{delete_url}"')[1].split("</form>")[0]
    assert f'data-hx-confirm="Remove the shipping method {standard.label}?"' in form
    token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    response = client.post(delete_url, data={"csrf_token": token}, csrf=False)  # as the browser sends it
    assert response.status_code == 303 and "standard" not in methods(owner.acme.id)


def test_another_stores_method_is_not_found(client, owner):
    with store_scope(owner.bistro.id):
        theirs = services.list_shipping_methods(owner.bistro.id)[0]
        db.session.commit()
        theirs_id = theirs.id
    assert client.get(f"{BASE}/shipping-methods/{theirs_id}").status_code == 404
    assert client.post(f"{BASE}/shipping-methods/{theirs_id}", data=METHOD).status_code == 404
    assert client.post(f"{BASE}/shipping-methods/{theirs_id}/delete").status_code == 404
    assert "standard" in methods(owner.bistro.id)


def test_tax_display_is_switched(client, owner):
    response = client.post(f"{BASE}/tax-display", data={"prices_include_tax": "0"}, headers=HX)
    assert response.status_code == 200 and 'id="checkout-tax-display"' in text(response)
    with store_scope(owner.acme.id):
        db.session.expire_all()
        assert services.get_settings(owner.acme.id).prices_include_tax is False
    assert client.post(f"{BASE}/tax-display", data={"prices_include_tax": "maybe"}).status_code == 422


def test_tax_rates_are_set_checked_and_removed(client, owner):
    assert client.post(f"{BASE}/tax-rates", data={"country": "AT", "rate": "20"}).status_code == 303
    assert client.post(f"{BASE}/tax-rates", data={"country": "LU", "rate": "16"}, headers=HX).status_code == 200
    for bad in ({"country": "AT", "rate": "101"}, {"country": "AT", "rate": "-1"}, {"country": "XX1", "rate": "5"},
                {"country": "", "rate": "5"}, {"country": "AT", "rate": "Infinity"}):
        assert client.post(f"{BASE}/tax-rates", data=bad, headers=HX).status_code == 422, bad
    with store_scope(owner.acme.id):
        rates = {rate.country: rate for rate in db.session.scalars(select(TaxRate))}
    assert (rates["AT"].rate, rates["LU"].rate) == (Decimal("20.00"), Decimal("16.00"))
    assert client.post(f"{BASE}/tax-rates/{rates['AT'].id}/delete").status_code == 303
    assert client.post(f"{BASE}/tax-rates/{rates['AT'].id}/delete").status_code == 404
    assert client.post(f"{BASE}/tax-rates/{rates['LU'].id}/delete", csrf=False).status_code == 400
