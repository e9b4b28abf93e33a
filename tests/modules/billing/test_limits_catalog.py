"""Plan limits where the catalog creates things: products (counted with archived ones) and image storage."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import func, select

from tests.modules.catalog.factories import make_product, png_bytes
from webapp.extensions import db
from webapp.framework.limits import check_limit
from webapp.framework.scoping import store_scope
from webapp.modules.billing.models import Subscription
from webapp.modules.billing.services import change_tier, usage
from webapp.modules.catalog.models import Product, ProductImage

pytestmark = pytest.mark.usefixtures("isolated_requests")

NEW = "/store/acme/catalog/products/new"


def form_data(name="Linen shirt", sku="LS-1") -> dict:
    return {"translations-en-name": name, "translations-fr-name": "", "translations-de-name": "",
            "status": "active", "variants-0-sku": sku, "variants-0-price": "29.90", "variants-0-stock": "7"}


def products(store) -> int:
    db.session.expire_all()
    with store_scope(store.id):
        return db.session.scalar(select(func.count(Product.id)).where(Product.store_id == store.id))


def add_products(store, count: int, *, status: str = "archived") -> None:
    """Rows only (fast): what the plan counts is every product the merchant keeps, archived ones too."""
    with store_scope(store.id):
        db.session.add_all([Product(store_id=store.id, status=status) for _ in range(count)])
        db.session.commit()


@pytest.fixture
def merchant(client, demo, login_as, plans_url):
    login_as(demo.owner)
    return demo


def test_the_101st_product_is_refused_on_essential_and_accepted_after_upgrading(app, client, merchant, subscribe,
                                                                                tiers, plans_url):
    subscription = subscribe(merchant.acme, "essential")  # products: 100, block
    add_products(merchant.acme, 100)
    response = client.post(NEW, data=form_data())
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Your Essential plan allows 100 products." in page
    assert f'href="{plans_url(merchant.acme)}"' in page and "Upgrade your plan" in page
    assert products(merchant.acme) == 100

    with app.test_request_context():
        change_tier(subscription.id, tiers[(merchant.main.id, "professional")].id)
        db.session.commit()
    assert db.session.get(Subscription, subscription.id).tier.code == "professional"
    response = client.post(NEW, data=form_data())
    assert response.status_code == 303
    assert products(merchant.acme) == 101


def test_at_the_limit_minus_one_the_product_is_created(client, merchant, subscribe, set_limit):
    subscribe(merchant.acme, "essential")
    set_limit(merchant.acme, "essential", "products", 3)
    add_products(merchant.acme, 2)
    assert client.post(NEW, data=form_data()).status_code == 303
    assert products(merchant.acme) == 3
    refused = client.post(NEW, data=form_data("Mug", "MUG-1"))
    assert refused.status_code == 422 and products(merchant.acme) == 3


def test_archived_and_draft_products_count_deleted_ones_do_not(app, merchant, subscribe):
    subscribe(merchant.acme, "essential")
    add_products(merchant.acme, 2, status="archived")
    add_products(merchant.acme, 1, status="draft")
    make_product(merchant.acme, "Shirt", sku="SH-1")
    with app.test_request_context():
        assert usage(merchant.acme.id, "products") == 4


def test_the_new_product_page_says_so_before_anything_is_typed(client, merchant, subscribe, set_limit, plans_url):
    subscribe(merchant.acme, "essential")
    set_limit(merchant.acme, "essential", "products", 1)
    add_products(merchant.acme, 1)
    page = client.get(NEW).get_data(as_text=True)
    assert 'data-limit-notice="refused"' in page and f'href="{plans_url(merchant.acme)}"' in page


def test_htmx_refusal_is_the_form_fragment_with_the_notice(client, merchant, subscribe, set_limit, htmx_headers):
    subscribe(merchant.acme, "essential")
    set_limit(merchant.acme, "essential", "products", 0)
    response = client.post(NEW, data=form_data(), headers=htmx_headers)
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert body.lstrip().startswith('<div id="product-form"') and "Upgrade your plan" in body
    assert products(merchant.acme) == 0


def test_a_warn_policy_creates_the_product_and_says_so(client, merchant, subscribe, set_limit):
    subscribe(merchant.acme, "essential")
    set_limit(merchant.acme, "essential", "products", 1, policy="warn")
    add_products(merchant.acme, 1)
    response = client.post(NEW, data=form_data(), follow_redirects=True)
    assert response.status_code == 200
    assert "Your Essential plan allows 1 products." in response.get_data(as_text=True)
    assert products(merchant.acme) == 2


def test_without_a_subscription_nothing_is_limited(client, merchant, tiers):
    add_products(merchant.acme, 150)
    assert client.post(NEW, data=form_data()).status_code == 303
    assert products(merchant.acme) == 151


def test_a_restricted_subscription_creates_nothing(client, merchant, subscribe):
    subscribe(merchant.acme, "enterprise", state="restricted")
    response = client.post(NEW, data=form_data())
    assert response.status_code == 422
    assert "restricted until the open invoice is paid" in response.get_data(as_text=True)
    assert products(merchant.acme) == 0


def test_another_stores_products_do_not_count(app, merchant, subscribe, set_limit):
    subscribe(merchant.acme, "essential")
    set_limit(merchant.acme, "essential", "products", 1)
    add_products(merchant.bistro, 5)
    with app.test_request_context():
        assert check_limit(merchant.acme.id, "products", adding=1).allowed


# --- image uploads against storage_mb -----------------------------------------------------------

def upload(client, product_id: int, **headers):
    fields = {"image": (io.BytesIO(png_bytes()), "photo.png"), "alt": "Front"}
    return client.post(f"/store/acme/catalog/products/{product_id}/images", data=fields,
                       content_type="multipart/form-data", headers=headers)


def images(store) -> list[ProductImage]:
    db.session.expire_all()
    with store_scope(store.id):
        return list(db.session.scalars(select(ProductImage).where(ProductImage.store_id == store.id)))


def test_uploaded_bytes_are_counted_rounded_up_to_mb(app, client, merchant):
    product = make_product(merchant.acme)
    assert upload(client, product.id).status_code == 303
    (image,) = images(merchant.acme)
    assert image.byte_size > 0
    with app.test_request_context():
        assert usage(merchant.acme.id, "storage_mb") == 1  # a few KB take one MB
        image.byte_size = 2**20 + 1
        db.session.commit()
        assert usage(merchant.acme.id, "storage_mb") == 2


def test_an_upload_beyond_the_storage_limit_is_refused_and_stores_nothing(app, client, merchant, subscribe,
                                                                          set_limit, plans_url, htmx_headers):
    subscribe(merchant.acme, "essential")
    set_limit(merchant.acme, "essential", "storage_mb", 1)
    product = make_product(merchant.acme)
    assert upload(client, product.id).status_code == 303  # at the limit - 1: allowed
    (image,) = images(merchant.acme)
    image.byte_size = 2**20  # exactly the one MB the plan allows
    db.session.commit()
    response = upload(client, product.id, **htmx_headers)
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert body.lstrip().startswith('<section id="product-images"')
    assert "Your Essential plan allows 1 MB of storage." in body and f'href="{plans_url(merchant.acme)}"' in body
    assert len(images(merchant.acme)) == 1


def test_a_warn_policy_on_storage_stores_the_image_and_says_so(client, merchant, subscribe, set_limit,
                                                               htmx_headers):
    subscribe(merchant.acme, "essential")
    set_limit(merchant.acme, "essential", "storage_mb", 0, policy="warn")
    product = make_product(merchant.acme)
    response = upload(client, product.id, **htmx_headers)
    assert response.status_code == 200
    assert 'data-limit-notice="warn"' in response.get_data(as_text=True)
    assert len(images(merchant.acme)) == 1
