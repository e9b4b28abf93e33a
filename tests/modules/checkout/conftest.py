"""Checkout test helpers: products with stock, a filled cart, and the steps as a shopper submits them."""

from __future__ import annotations

import re
from decimal import Decimal
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.catalog.services import ProductInput, TextInput, VariantInput, create_product
from webapp.modules.checkout.models import CheckoutSession

ACME = "/platforms/main/storefront/acme"
BISTRO = "/platforms/loyalty/storefront/bistro"
CONTACT = {"email": "jane@example.com", "first_name": "Jane", "last_name": "Doe", "phone": "",
           "street": "1 Rue de la Gare", "postal_code": "1611", "city": "Luxembourg", "country": "LU"}
GOOD_CARD = {"card_number": "4242 4242 4242 4242", "exp_month": "12", "exp_year": "2099", "cvc": "123"}
DECLINED_CARD = {**GOOD_CARD, "card_number": "4000000000000002"}


def make_variant(store, name: str, sku: str, price: str, stock: int | None) -> int:
    """An active product with one variant; its id."""
    with store_scope(store.id):
        product = create_product(store.id, ProductInput(
            texts={store.default_language: TextInput(name=name)}, status="active",
            variants=[VariantInput(sku=sku, price=Decimal(price), stock=stock)]))
        db.session.flush()
        return product.variants[0].id


@pytest.fixture
def shop(demo):
    """Acme: a tee (19.90, 5 in stock) and a mug (8.50, 3 in stock); Bistro: a coffee."""
    tee = make_variant(demo.acme, "Tee", "TEE", "19.90", 5)
    mug = make_variant(demo.acme, "Mug", "MUG", "8.50", 3)
    coffee = make_variant(demo.bistro, "Coffee", "COFFEE", "3.20", 50)
    db.session.commit()
    return SimpleNamespace(demo=demo, acme=demo.acme, bistro=demo.bistro, tee=tee, mug=mug, coffee=coffee)


def text(response) -> str:
    return response.get_data(as_text=True)


def add_to_cart(client, variant_id: int, quantity: int = 1, *, base: str = ACME):
    response = client.post(f"{base}/cart/add", data={"variant_id": variant_id, "quantity": quantity})
    assert response.status_code in (200, 303), text(response)[:500]
    return response


def submit_contact(client, *, headers=None, base: str = ACME, **overrides):
    return client.post(f"{base}/checkout/contact", data={**CONTACT, **overrides}, headers=headers or {})


def idempotency_key(client, base: str = ACME) -> str:
    page = text(client.get(f"{base}/checkout/review"))
    match = re.search(r'name="idempotency_key" type="hidden" value="([^"]+)"', page) or re.search(
        r'value="([^"]+)"[^>]*name="idempotency_key"', page)
    assert match, page[:2000]
    return match.group(1)


def to_review(client, *, gateway: str = "test", method: str = "standard", base: str = ACME, **contact):
    """Contact, delivery and payment steps submitted without JavaScript; the review page's key."""
    assert submit_contact(client, base=base, **contact).status_code == 303
    assert client.post(f"{base}/checkout/shipping", data={"method": method}).status_code == 303
    assert client.post(f"{base}/checkout/payment", data={"gateway": gateway}).status_code == 303
    return idempotency_key(client, base)


def place(client, key: str, *, card=GOOD_CARD, base: str = ACME, headers_token: str | None = None, **extra):
    headers = {"X-CSRFToken": headers_token} if headers_token else {}
    return client.post(f"{base}/checkout/place", data={"idempotency_key": key, **(card or {}), **extra},
                       headers=headers)


def checkout_row(store_id: int) -> CheckoutSession:
    with store_scope(store_id):
        db.session.expire_all()
        return db.session.scalar(select(CheckoutSession).order_by(CheckoutSession.id.desc()))


def count(model, store_id: int) -> int:
    with store_scope(store_id):
        return db.session.scalar(select(func.count()).select_from(model).where(model.store_id == store_id))
