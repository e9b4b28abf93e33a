"""The four steps as pages and htmx fragments: guards, validation, saved addresses, sign-up on the way."""

from __future__ import annotations

from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.customers import services as customers
from webapp.modules.tenancy.models import Store

from .conftest import ACME, CONTACT, add_to_cart, checkout_row, place, submit_contact, text, to_review

HX = {"HX-Request": "true"}


def test_an_empty_cart_goes_back_to_the_cart(client, shop):
    for path in ("/checkout", "/checkout/contact", "/checkout/review"):
        response = client.get(f"{ACME}{path}")
        assert response.status_code == 303
        assert response.headers["Location"].endswith(f"{ACME}/cart")
    assert "Your cart is empty" in text(client.get(f"{ACME}/cart"))


def test_a_later_step_without_the_earlier_data_goes_back(client, shop):
    add_to_cart(client, shop.tee)
    assert client.get(f"{ACME}/checkout").headers["Location"].endswith("/checkout/contact")
    assert client.get(f"{ACME}/checkout/review").headers["Location"].endswith("/checkout/contact")
    submit_contact(client)
    assert client.get(f"{ACME}/checkout/review").headers["Location"].endswith("/checkout/shipping")
    assert client.get(f"{ACME}/checkout").headers["Location"].endswith("/checkout/shipping")
    assert client.post(f"{ACME}/checkout/payment", data={"gateway": "test"}).headers["Location"].endswith(
        "/checkout/shipping")
    assert checkout_row(shop.acme.id).gateway is None  # nothing saved out of order


def test_each_step_is_a_page_and_a_fragment(client, shop):
    add_to_cart(client, shop.tee)
    page = client.get(f"{ACME}/checkout/contact")
    assert page.status_code == 200 and "<html" in text(page) and 'id="checkout-step"' in text(page)
    assert 'aria-current="step"' in text(page) and "/account/login?next=" in text(page)
    assert page.headers["Cache-Control"] == "no-store"
    fragment = client.get(f"{ACME}/checkout/contact", headers=HX)
    assert text(fragment).lstrip().startswith('<div id="checkout-step">') and "<html" not in text(fragment)
    assert "HX-Request" in fragment.headers["Vary"]

    saved = submit_contact(client, headers=HX)
    assert saved.status_code == 200
    assert saved.headers["HX-Push-Url"].endswith("/checkout/shipping")
    assert 'name="method"' in text(saved) and "<html" not in text(saved)
    assert "Standard delivery" in text(saved) and "€4.90, free from €50.00" in text(saved)

    chosen = client.post(f"{ACME}/checkout/shipping", data={"method": "express"}, headers=HX)
    assert chosen.headers["HX-Push-Url"].endswith("/checkout/payment") and 'name="gateway"' in text(chosen)
    paying = client.post(f"{ACME}/checkout/payment", data={"gateway": "test"}, headers=HX)
    assert paying.headers["HX-Push-Url"].endswith("/checkout/review")
    assert "Place order" in text(paying) and 'name="card_number"' in text(paying)
    full = client.get(f"{ACME}/checkout/review")
    assert "<html" in text(full) and "Express delivery" in text(full)


def test_plain_posts_redirect_to_the_next_step(client, shop):
    add_to_cart(client, shop.tee)
    response = submit_contact(client)
    assert response.status_code == 303 and response.headers["Location"].endswith("/checkout/shipping")
    response = client.post(f"{ACME}/checkout/shipping", data={"method": "standard"})
    assert response.headers["Location"].endswith("/checkout/payment")


def test_invalid_contact_keeps_the_input_with_422(client, shop):
    add_to_cart(client, shop.tee)
    response = submit_contact(client, email="not-an-email", first_name="", city="Esch-sur-Alzette")
    assert response.status_code == 422
    assert 'aria-invalid="true"' in text(response) and 'value="Esch-sur-Alzette"' in text(response)
    fragment = submit_contact(client, headers=HX, country="US")
    assert fragment.status_code == 422 and "We do not deliver to this country." in text(fragment)
    assert "<html" not in text(fragment)
    assert checkout_row(shop.acme.id) is None  # nothing half-saved


def test_forged_method_and_gateway_are_refused(client, shop):
    add_to_cart(client, shop.tee)
    submit_contact(client)
    response = client.post(f"{ACME}/checkout/shipping", data={"method": "teleport"})
    assert response.status_code == 422 and "Choose one of the delivery options." in text(response)
    client.post(f"{ACME}/checkout/shipping", data={"method": "standard"})
    response = client.post(f"{ACME}/checkout/payment", data={"gateway": "stripe"})  # not enabled in acme
    assert response.status_code == 422 and "Choose one of the payment methods." in text(response)
    assert checkout_row(shop.acme.id).gateway is None


def test_registering_during_checkout_creates_and_signs_in_the_customer(client, shop):
    add_to_cart(client, shop.tee, 2)
    response = submit_contact(client, create_account="y", password="correct horse battery")
    assert response.status_code == 303 and response.headers["Location"].endswith("/checkout/shipping")
    with store_scope(shop.acme.id):
        customer = customers.find_by_email(shop.acme.id, CONTACT["email"])
        assert customer is not None and not customer.is_guest
        assert checkout_row(shop.acme.id).customer_id == customer.id
    assert client.get(f"{ACME}/account/").status_code == 200  # signed in
    shipping = client.get(f"{ACME}/checkout/shipping")  # the cart came along
    assert shipping.status_code == 200 and "Tee" in text(shipping)


def test_registering_with_a_taken_email_or_weak_password_is_refused(client, shop):
    with store_scope(shop.acme.id):
        customers.register_customer(shop.acme.id, "taken@example.com", "a long enough password",
                                    first_name="T", last_name="T")
        db.session.commit()
    add_to_cart(client, shop.tee)
    response = submit_contact(client, email="taken@example.com", create_account="y",
                              password="another long password")
    assert response.status_code == 422 and "already exists" in text(response)
    response = submit_contact(client, create_account="y", password="short")
    assert response.status_code == 422 and "at least" in text(response)
    assert checkout_row(shop.acme.id) is None


def _signed_in_customer(client, shop):
    add_to_cart(client, shop.tee)
    submit_contact(client, create_account="y", password="correct horse battery")
    with store_scope(shop.acme.id):
        me = customers.find_by_email(shop.acme.id, CONTACT["email"])
        mine = customers.add_address(shop.acme.id, me.id, customers.AddressData(
            "Jane Doe", "5 Avenue Monterey", "2163", "Luxembourg", "LU"))
        other = customers.register_customer(shop.acme.id, "other@example.com", "a long enough password",
                                            first_name="O", last_name="O")
        theirs = customers.add_address(shop.acme.id, other.id,
                                       customers.AddressData("O O", "9 Secret St", "1000", "Paris", "FR"))
        db.session.commit()
        return mine.id, theirs.id


def test_a_saved_address_of_the_customer_can_be_chosen(client, shop):
    mine, _theirs = _signed_in_customer(client, shop)
    page = client.get(f"{ACME}/checkout/contact")
    assert "5 Avenue Monterey" in text(page) and "9 Secret St" not in text(page)
    response = submit_contact(client, saved_address=str(mine), street="", city="", postal_code="")
    assert response.status_code == 303
    assert checkout_row(shop.acme.id).shipping_address["street"] == "5 Avenue Monterey"


def test_a_foreign_saved_address_is_refused(client, shop):
    _mine, theirs = _signed_in_customer(client, shop)
    before = checkout_row(shop.acme.id).shipping_address
    for forged in (str(theirs), "999999", "abc"):
        response = submit_contact(client, saved_address=forged, street="", city="", postal_code="")
        assert response.status_code == 422 and "Choose one of your saved addresses." in text(response)
    assert checkout_row(shop.acme.id).shipping_address == before
    assert "9 Secret St" not in str(before)


def test_a_closed_store_shows_the_closed_page(client, shop):
    add_to_cart(client, shop.tee)
    store = db.session.get(Store, shop.acme.id)
    store.status = "suspended"
    db.session.commit()
    client.application.extensions["orion.ports"]["tenant_directory"].invalidate()
    response = client.get(f"{ACME}/checkout/contact")
    assert response.status_code == 503 and "Temporarily closed" in text(response)
    assert submit_contact(client).status_code == 503


def test_every_step_renders_in_every_language(client, shop):
    add_to_cart(client, shop.tee)
    assert client.post(f"{ACME}/checkout/place", data={}).status_code == 303  # nothing chosen yet
    complete = place(client, to_review(client)).headers["Location"]
    for lang in ("en", "fr", "de", "lb"):
        for path in ("/checkout/contact", "/checkout/shipping", "/checkout/payment"):
            assert client.get(f"{ACME}{path}?lang={lang}").status_code in (200, 303), (lang, path)
        assert client.get(f"{complete}?lang={lang}").status_code == 200, lang


def test_queries_do_not_grow_with_the_cart(client, shop, count_queries):
    add_to_cart(client, shop.tee)
    to_review(client)
    with count_queries() as one_line:
        assert client.get(f"{ACME}/checkout/review").status_code == 200
    add_to_cart(client, shop.mug, 2)
    with count_queries() as two_lines:
        assert client.get(f"{ACME}/checkout/review").status_code == 200
    assert len(two_lines) == len(one_line), (len(one_line), len(two_lines))
