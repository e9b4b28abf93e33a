"""Products to put in carts: built with the catalog's services, stock set through inventory."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.cart.models import CartLine
from webapp.modules.catalog.services import ProductInput, TextInput, VariantInput, create_product

ACME = "/platforms/main/storefront/acme"
BISTRO = "/platforms/loyalty/storefront/bistro"


def make_product(store, name: str, variants: list[tuple[str, str, int | None]], *, status: str = "active"):
    """A product with (sku, price, stock) variants; returns {sku: variant id}."""
    with store_scope(store.id):
        product = create_product(store.id, ProductInput(
            texts={store.default_language: TextInput(name=name)}, status=status,
            option_names=["size"] if len(variants) > 1 else [],
            variants=[VariantInput(sku=sku, price=Decimal(price), stock=stock,
                                   options={"size": sku.rsplit("-", 1)[-1]} if len(variants) > 1 else {})
                      for sku, price, stock in variants]))
        db.session.flush()
        return {variant.sku: variant.id for variant in product.variants}


@pytest.fixture
def shop(demo):
    """Acme: a tee in two sizes (5 and 0 in stock), a mug (3), a draft hat; Bistro: a coffee."""
    tee = make_product(demo.acme, "Tee", [("TEE-S", "19.90", 5), ("TEE-M", "19.90", 0)])
    mug = make_product(demo.acme, "Mug", [("MUG", "8.50", 3)])
    hat = make_product(demo.acme, "Hat", [("HAT", "12.00", 10)], status="draft")
    coffee = make_product(demo.bistro, "Coffee", [("COFFEE", "3.20", 50)])
    db.session.commit()
    return SimpleNamespace(demo=demo, tee_s=tee["TEE-S"], tee_m=tee["TEE-M"], mug=mug["MUG"], hat=hat["HAT"],
                           coffee=coffee["COFFEE"])


def text(response) -> str:
    return response.get_data(as_text=True)


def lines(store_id: int) -> dict[int, int]:
    """{variant id: quantity} of every cart line of the store, as the database holds them."""
    with store_scope(store_id):
        db.session.expire_all()
        return {line.variant_id: line.quantity for line in db.session.scalars(select(CartLine))}


def first_line_id(store_id: int) -> int:
    with store_scope(store_id):
        return db.session.scalar(select(CartLine.id).order_by(CartLine.id))


def add(client, variant_id, quantity=1, *, htmx=False, base=ACME, **extra):
    """POST /cart/add as the product page's form does (with htmx or without JavaScript)."""
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(f"{base}/cart/add", data={"variant_id": variant_id, "quantity": quantity, **extra},
                       headers=headers)
