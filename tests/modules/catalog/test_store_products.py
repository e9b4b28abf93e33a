"""Dashboard products: list, search, create and edit with 422 on bad input, bulk actions, isolation."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from tests.modules.catalog.factories import make_category, make_product, sized_variants, texts
from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.catalog.models import Product, Variant
from webapp.modules.catalog.services import get_product
from webapp.modules.inventory.services import availability

pytestmark = pytest.mark.usefixtures("isolated_requests")

BASE = "/store/acme/catalog"


def text(response) -> str:
    return response.get_data(as_text=True)


def form_data(name="Linen shirt", sku="LS-1", price="29.90", **extra) -> dict:
    data = {"translations-en-name": name, "translations-fr-name": "", "translations-de-name": "",
            "status": "active", "variants-0-sku": sku, "variants-0-price": price, "variants-0-stock": "7"}
    data.update(extra)
    return data


def product_count(store) -> int:
    with store_scope(store.id):
        return db.session.scalar(select(func.count(Product.id)))


def test_list_shows_products_with_price_and_status(client, owner):
    make_product(owner.acme, "Linen shirt", sku="LS-1", price="29.90")
    make_product(owner.acme, "Mug", sku="MUG-1", price="9.50", status="draft")
    response = client.get(f"{BASE}/products")
    assert response.status_code == 200
    page = text(response)
    assert "Linen shirt" in page and "Mug" in page and "LS-1" in page
    assert "€29.90" in page and "Draft" in page


def test_search_by_name_or_sku_and_filter_by_status(client, owner, htmx_headers):
    make_product(owner.acme, "Linen shirt", sku="LS-1")
    make_product(owner.acme, "Mug", sku="MUG-1", status="draft")
    by_sku = text(client.get(f"{BASE}/products?q=mug-1", headers=htmx_headers))
    assert by_sku.lstrip().startswith('<form id="product-table"') and "Mug" in by_sku and "Linen" not in by_sku
    by_status = text(client.get(f"{BASE}/products?status=active"))
    assert "Linen shirt" in by_status and ">Mug<" not in by_status
    assert "No products found" in text(client.get(f"{BASE}/products?q=100%25_"))


def test_list_paginates(client, owner):
    for number in range(27):
        make_product(owner.acme, f"Item {number:02d}", sku=f"IT-{number}")
    first, second = text(client.get(f"{BASE}/products")), text(client.get(f"{BASE}/products?page=2"))
    assert "Item 26" in first and "Item 00" not in first
    assert "Item 00" in second and "27 products" in second


def test_create_product_with_variants_stock_and_categories(client, owner):
    shoes = make_category(owner.acme, "Shoes")
    data = form_data("Trail shoe", "TS-41", "89.00", **{
        "translations-fr-name": "Chaussure de trail", "translations-en-description": "<p>Grip</p><script>x</script>",
        "option_name1": "Size", "variants-0-option1": "41", "variants-0-compare_at_price": "99.00",
        "variants-1-sku": "ts-42", "variants-1-option1": "42", "variants-1-price": "89.00", "variants-1-stock": "2",
        "categories": str(shoes.id), "featured": "y"})
    response = client.post(f"{BASE}/products/new", data=data)
    assert response.status_code == 303
    with store_scope(owner.acme.id):
        product = db.session.scalar(select(Product))
        product = get_product(owner.acme.id, product.id)
        assert [(v.sku, v.options, v.compare_at_price) for v in product.variants] == [
            ("TS-41", {"Size": "41"}, Decimal("99.00")), ("TS-42", {"Size": "42"}, None)]
        assert {t.language: t.slug for t in product.translations} == {"en": "trail-shoe", "fr": "chaussure-de-trail"}
        assert "<script" not in product.translations[0].description
        assert [c.id for c in product.categories] == [shoes.id] and product.featured
        stock = availability(owner.acme.id, [v.inventory_item_id for v in product.variants])
        assert sorted(stock.values()) == [2, 7]
    assert response.headers["Location"].endswith(f"/products/{product.id}")


@pytest.mark.parametrize(("changes", "message"), [
    ({"variants-0-price": "0"}, "Enter an amount above zero."),
    ({"variants-0-price": "abc"}, "Not a valid decimal value."),
    ({"variants-0-compare_at_price": "10.00"}, "The compare-at price must be higher than the price."),
    ({"translations-en-name": ""}, "Enter a name in the store&#39;s default language."),
    ({"translations-en-name": "x" * 201}, "Field cannot be longer than 200 characters."),
    ({"variants-0-sku": "", "variants-0-price": "", "variants-0-stock": ""},
     "Add at least one variant with a SKU and a price."),
    ({"variants-0-sku": ""}, "Enter a SKU."),
    ({"variants-0-sku": "bad sku!"}, "Use letters, digits"),
    ({"variants-0-option1": "M"}, "Name this option above first."),
    ({"variants-0-stock": "-3"}, "Number must be between 0 and 1000000."),
    ({"variants-0-price": "NaN"}, "Enter an amount between 0.01 and 9,999,999,999.99."),
    ({"variants-0-price": "1e999999"}, "Enter an amount between 0.01 and 9,999,999,999.99."),
])
def test_bad_input_is_422_with_the_message_and_nothing_saved(client, owner, changes, message):
    response = client.post(f"{BASE}/products/new", data=form_data(**changes))
    assert response.status_code == 422
    assert message in text(response)
    assert product_count(owner.acme) == 0


def test_control_characters_are_removed_from_text(client, owner):
    response = client.post(f"{BASE}/products/new", data=form_data("Mug\x00 large", "MUG\x00-1"))
    assert response.status_code == 303
    with store_scope(owner.acme.id):
        product = get_product(owner.acme.id, db.session.scalar(select(Product.id)))
        assert (product.translations[0].name, product.variants[0].sku) == ("Mug large", "MUG-1")


def test_duplicate_sku_and_slug_are_422_and_input_is_kept(client, owner):
    make_product(owner.acme, "Mug", sku="MUG-1")
    response = client.post(f"{BASE}/products/new", data=form_data("Cup", "mug-1"))
    assert response.status_code == 422
    assert "This SKU is already used by another variant." in text(response) and 'value="Cup"' in text(response)
    response = client.post(f"{BASE}/products/new", data=form_data("Cup", "CUP-1", **{"translations-en-slug": "mug"}))
    assert response.status_code == 422 and "This URL slug is already used in this language." in text(response)
    assert product_count(owner.acme) == 1


def test_foreign_or_unknown_category_id_is_refused(client, owner):
    foreign = make_category(owner.bistro, "Desserts")
    response = client.post(f"{BASE}/products/new", data=form_data(categories=str(foreign.id)))
    assert response.status_code == 422
    assert product_count(owner.acme) == 0


def test_edit_changes_texts_and_variants(client, owner):
    product = make_product(owner.acme, texts=texts("Tee"), variants=sized_variants("tee", sizes=("S", "M")),
                           option_names=["Size", "Colour"])
    page = client.get(f"{BASE}/products/{product.id}")
    assert page.status_code == 200 and 'value="TEE-S-RED"' in text(page)
    with store_scope(owner.acme.id):
        small, medium = get_product(owner.acme.id, product.id).variants
    data = form_data("Organic tee", "TEE-S-RED", "15.00", **{
        "option_name1": "Size", "option_name2": "Colour", "variants-0-id": str(small.id),
        "variants-0-option1": "S", "variants-0-option2": "Red", "variants-0-stock": "",
        "variants-1-id": str(medium.id), "variants-1-sku": medium.sku, "variants-1-price": "20.00",
        "variants-1-option1": "M", "variants-1-option2": "Red", "variants-1-remove": "y"})
    assert client.post(f"{BASE}/products/{product.id}", data=data).status_code == 303
    db.session.expire_all()  # the request used its own session
    with store_scope(owner.acme.id):
        product = get_product(owner.acme.id, product.id)
        assert [(v.sku, v.price) for v in product.variants] == [("TEE-S-RED", Decimal("15.00"))]
        assert product.translations[0].name == "Organic tee" and product.min_price == Decimal("15.00")


def test_variant_ids_of_another_product_are_refused(client, owner):
    product = make_product(owner.acme, "Mug", sku="MUG-1")
    other = make_product(owner.acme, "Cup", sku="CUP-1")
    with store_scope(owner.acme.id):
        foreign_variant = db.session.scalar(select(Variant.id).where(Variant.product_id == other.id))
    data = form_data("Mug", "MUG-9", **{"variants-0-id": str(foreign_variant)})
    assert client.post(f"{BASE}/products/{product.id}", data=data).status_code == 422
    with store_scope(owner.acme.id):
        assert db.session.get(Variant, foreign_variant).sku == "CUP-1"


def test_variant_row_for_htmx(client, owner, htmx_headers):
    response = client.get(f"{BASE}/products/variant-row?index=4", headers=htmx_headers)
    assert response.status_code == 200
    assert 'name="variants-4-sku"' in text(response) and 'data-hx-swap-oob="true"' in text(response)
    assert "index=5" in text(response)
    assert client.get(f"{BASE}/products/variant-row?index=100").status_code == 404


def test_bulk_actions_with_htmx(client, owner, htmx_headers):
    first, second = make_product(owner.acme, "A", sku="A-1", status="draft"), make_product(owner.acme, "B", sku="B-1")
    response = client.post(f"{BASE}/products/bulk", data={"ids": [first.id, second.id], "action": "archive"},
                           headers=htmx_headers)
    assert response.status_code == 200 and "2 products updated." in text(response)
    assert response.headers["HX-Trigger"] == "catalog:products-changed"
    response = client.post(f"{BASE}/products/bulk", data={"ids": [first.id], "action": "delete"})
    assert response.status_code == 303
    with store_scope(owner.acme.id):
        assert db.session.scalars(select(Product.status)).all() == ["archived"]


def test_bulk_ignores_other_stores_products(client, owner):
    theirs = make_product(owner.bistro, "Tarte", sku="T-1", texts={"fr": texts("x")["en"]})
    response = client.post(f"{BASE}/products/bulk", data={"ids": [theirs.id], "action": "delete"})
    assert response.status_code == 303
    assert product_count(owner.bistro) == 1


def test_bulk_without_csrf_token_is_refused(client, owner):
    product = make_product(owner.acme, "A", sku="A-1", status="draft")
    response = client.post(f"{BASE}/products/bulk", data={"ids": [product.id], "action": "activate"}, csrf=False)
    assert response.status_code == 400
    with store_scope(owner.acme.id):
        assert db.session.get(Product, product.id).status == "draft"


def test_staff_can_view_but_not_change(client, demo, login_as):
    product = make_product(demo.acme, "Mug", sku="MUG-1")
    login_as(demo.staff)
    assert client.get(f"{BASE}/products").status_code == 200
    page = client.get(f"{BASE}/products/{product.id}")
    assert page.status_code == 200 and "disabled" in text(page) and "Save product" not in text(page)
    assert client.get(f"{BASE}/products/new").status_code == 403
    assert client.post(f"{BASE}/products/{product.id}", data=form_data("Hacked", "MUG-1")).status_code == 403
    assert client.post(f"{BASE}/products/bulk", data={"ids": [product.id], "action": "delete"}).status_code == 403
    assert product_count(demo.acme) == 1


def test_another_merchant_gets_404_on_acme_products(client, demo, login_as):
    product = make_product(demo.acme, "Mug", sku="MUG-1")
    login_as(demo.bistro_owner)
    assert client.get(f"/store/bistro/catalog/products/{product.id}").status_code == 404
    response = client.post(f"/store/bistro/catalog/products/{product.id}", data=form_data("Hacked", "MUG-1"))
    assert response.status_code == 404
    assert client.get(f"{BASE}/products/{product.id}").status_code == 404
    with store_scope(demo.acme.id):
        assert get_product(demo.acme.id, product.id).translations[0].name == "Mug"


@pytest.mark.parametrize("lang", ["en", "fr", "de", "lb"])
def test_dashboard_pages_render_in_every_locale(client, owner, lang):
    product = make_product(owner.acme, "Mug", sku="MUG-1")
    for path in ("/store/acme/", f"{BASE}/products", f"{BASE}/products/new", f"{BASE}/products/{product.id}",
                 f"{BASE}/categories/new", f"{BASE}/collections"):
        assert client.get(f"{path}?lang={lang}").status_code == 200, path
    if lang == "en":
        assert "1 active" in text(client.get("/store/acme/"))  # the dashboard card
