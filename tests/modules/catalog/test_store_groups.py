"""Dashboard categories (a tree without cycles) and collections."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests.modules.catalog.factories import make_category, make_product
from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.catalog.models import Category, Collection, product_categories
from webapp.modules.catalog.services import get_category

pytestmark = pytest.mark.usefixtures("isolated_requests")

BASE = "/store/acme/catalog"


def text(response) -> str:
    return response.get_data(as_text=True)


def names(name: str, **extra) -> dict:
    return {"translations-en-name": name, "translations-fr-name": "", "translations-de-name": "", "position": "0",
            **extra}


def reload(store, category_id: int):
    db.session.expire_all()
    with store_scope(store.id):
        return get_category(store.id, category_id)


def test_create_categories_as_a_tree(client, owner):
    assert client.post(f"{BASE}/categories/new", data=names("Shoes", **{"translations-fr-name": "Chaussures"})
                       ).status_code == 303
    with store_scope(owner.acme.id):
        shoes = db.session.scalar(select(Category))
    assert client.post(f"{BASE}/categories/new", data=names("Boots", parent=str(shoes.id))).status_code == 303
    page = text(client.get(f"{BASE}/categories"))
    assert '<li class="depth-0">' in page and '<li class="depth-1">' in page
    assert page.index("Shoes") < page.index("Boots")
    assert {t.slug for t in reload(owner.acme, shoes.id).translations} == {"shoes", "chaussures"}


def test_a_category_cannot_move_below_itself(client, owner):
    parent = make_category(owner.acme, "Shoes")
    child = make_category(owner.acme, "Boots", parent_id=parent.id)
    response = client.post(f"{BASE}/categories/{parent.id}", data=names("Shoes", parent=str(child.id)))
    assert response.status_code == 422 and "Not a valid choice" in text(response)
    assert reload(owner.acme, parent.id).parent_id is None


def test_foreign_parent_and_duplicate_slug_are_422(client, owner):
    foreign = make_category(owner.bistro, "Desserts")
    make_category(owner.acme, "Shoes")
    response = client.post(f"{BASE}/categories/new", data=names("Boots", parent=str(foreign.id)))
    assert response.status_code == 422
    response = client.post(f"{BASE}/categories/new", data=names("Other", **{"translations-en-slug": "shoes"}))
    assert response.status_code == 422 and "already used" in text(response)
    response = client.post(f"{BASE}/categories/new", data=names(""))
    assert response.status_code == 422 and "default language" in text(response)
    with store_scope(owner.acme.id):
        assert db.session.scalar(select(func.count(Category.id))) == 1


def test_deleting_a_category_moves_children_up_and_keeps_products(client, owner):
    top = make_category(owner.acme, "Apparel")
    middle = make_category(owner.acme, "Outerwear", parent_id=top.id)
    leaf = make_category(owner.acme, "Coats", parent_id=middle.id)
    product = make_product(owner.acme, category_ids=[middle.id])
    top_id, middle_id, leaf_id, product_id = top.id, middle.id, leaf.id, product.id
    assert client.post(f"{BASE}/categories/{middle_id}/delete").status_code == 303
    assert reload(owner.acme, leaf_id).parent_id == top_id
    assert reload(owner.acme, middle_id) is None
    assert db.session.execute(select(product_categories).where(
        product_categories.c.product_id == product_id)).all() == []


def test_rename_category(client, owner):
    category = make_category(owner.acme, "Shoes")
    page = client.get(f"{BASE}/categories/{category.id}")
    assert page.status_code == 200 and 'value="Shoes"' in text(page)
    assert client.post(f"{BASE}/categories/{category.id}", data=names("Footwear")).status_code == 303
    assert reload(owner.acme, category.id).translations[0].name == "Footwear"


def test_collections_crud(client, owner):
    assert client.post(f"{BASE}/collections/new", data=names("Gift ideas")).status_code == 303
    with store_scope(owner.acme.id):
        collection = db.session.scalar(select(Collection))
    assert "Gift ideas" in text(client.get(f"{BASE}/collections"))
    assert client.post(f"{BASE}/collections/{collection.id}", data=names("Presents")).status_code == 303
    assert "Presents" in text(client.get(f"{BASE}/collections/{collection.id}"))
    assert client.post(f"{BASE}/collections/{collection.id}/delete").status_code == 303
    with store_scope(owner.acme.id):
        assert db.session.scalar(select(func.count(Collection.id))) == 0


def test_staff_and_other_merchants_cannot_manage_categories(client, demo, login_as):
    category = make_category(demo.acme, "Shoes")
    login_as(demo.staff)
    assert client.get(f"{BASE}/categories").status_code == 403
    login_as(demo.bistro_owner)
    assert client.get(f"/store/bistro/catalog/categories/{category.id}").status_code == 404
    assert client.post(f"/store/bistro/catalog/categories/{category.id}/delete").status_code == 404
    assert reload(demo.acme, category.id) is not None
