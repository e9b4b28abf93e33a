"""The product list counts the store's own products only (a paginate count once counted every store's)."""

from __future__ import annotations

from sqlalchemy import func, select

from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.catalog.demo import seed
from webapp.modules.catalog.models import Product


def test_the_product_list_counts_only_this_stores_products(client, owner):
    seed()
    db.session.commit()
    with store_scope(owner.acme.id):
        mine = db.session.scalar(select(func.count(Product.id)))
    with store_scope(owner.bistro.id):
        assert db.session.scalar(select(func.count(Product.id))) > 0
    response = client.get("/store/acme/catalog/products")
    assert response.status_code == 200
    assert f"{mine} products" in response.get_data(as_text=True)
