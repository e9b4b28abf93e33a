"""The stock list names items by product and adjusts stock inline (htmx row swap, or a redirect)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.modules.catalog.factories import make_product, sized_variants
from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.catalog.models import Variant
from webapp.modules.inventory.models import StockMovement
from webapp.modules.inventory.services import stock_figures

pytestmark = pytest.mark.usefixtures("isolated_requests")
BASE = "/store/acme/inventory"


def text(response) -> str:
    return response.get_data(as_text=True)


@pytest.fixture
def shirt(demo):
    product = make_product(demo.acme, "Linen shirt", variants=sized_variants("ls", sizes=("M",), stock=4),
                           option_names=["Size", "Colour"])
    with store_scope(demo.acme.id):
        return db.session.scalar(select(Variant.inventory_item_id).where(Variant.product_id == product.id))


def on_hand(store, item_id) -> int:
    with store_scope(store.id):
        return stock_figures(store.id, [item_id])[item_id].on_hand


def ledger(store, item_id) -> list[tuple[int, str]]:
    with store_scope(store.id):
        return [(m.delta, m.reason) for m in db.session.scalars(
            select(StockMovement).where(StockMovement.item_id == item_id).order_by(StockMovement.id))]


def test_stock_list_names_the_product_and_variant(client, demo, login_as, shirt):
    login_as(demo.owner)
    page = text(client.get(f"{BASE}/"))
    assert ">Item<" in page and "Linen shirt \u2013 M / Red" in page
    assert f'id="stock-row-{shirt}"' in page and f'name="adjust-{shirt}-change"' in page


def test_htmx_adjustment_swaps_the_row_and_writes_the_ledger(client, demo, login_as, shirt, htmx_headers):
    login_as(demo.owner)
    response = client.post(f"{BASE}/items/{shirt}/quick-adjust", headers=htmx_headers,
                           data={f"adjust-{shirt}-change": "5", f"adjust-{shirt}-reason": "received"})
    assert response.status_code == 200
    body = text(response)
    assert body.lstrip().startswith(f'<tr id="stock-row-{shirt}">') and '<td class="num">9</td>' in body
    assert "Stock of LS-M-RED updated." in body and response.headers["HX-Trigger"] == "inventory:stock-adjusted"
    assert on_hand(demo.acme, shirt) == 9 and ledger(demo.acme, shirt)[-1] == (5, "received")


def test_plain_post_redirects_to_the_list(client, demo, login_as, shirt):
    login_as(demo.owner)
    response = client.post(f"{BASE}/items/{shirt}/quick-adjust",
                           data={f"adjust-{shirt}-change": "-1", f"adjust-{shirt}-reason": "correction"})
    assert response.status_code == 303 and response.headers["Location"] == f"{BASE}/"
    assert on_hand(demo.acme, shirt) == 3 and ledger(demo.acme, shirt)[-1] == (-1, "correction")


@pytest.mark.parametrize(("change", "reason", "message"), [
    ("abc", "received", "Not a valid integer value."),
    ("0", "received", "Enter a change other than zero."),
    ("-50", "correction", "There is not enough stock at the default location to remove that many."),
    ("5", "sale", "Not a valid choice"),
    ("99999999", "received", "Enter a change between"),
])
def test_bad_input_is_422_in_the_row_and_changes_nothing(client, demo, login_as, shirt, htmx_headers,
                                                          change, reason, message):
    login_as(demo.owner)
    before = ledger(demo.acme, shirt)
    data = {f"adjust-{shirt}-change": change, f"adjust-{shirt}-reason": reason}
    response = client.post(f"{BASE}/items/{shirt}/quick-adjust", headers=htmx_headers, data=data)
    assert response.status_code == 422
    body = text(response)
    assert body.lstrip().startswith(f'<tr id="stock-row-{shirt}">') and message in body
    assert f'value="{change}"' in body  # the input is kept
    plain = client.post(f"{BASE}/items/{shirt}/quick-adjust", data=data)
    assert plain.status_code == 422 and message in text(plain) and "<html" in text(plain)
    assert on_hand(demo.acme, shirt) == 4 and ledger(demo.acme, shirt) == before


def test_another_stores_item_is_not_found(client, demo, login_as, make_item):
    foreign = make_item("BISTRO-1", 3, store=demo.bistro)
    login_as(demo.owner)
    response = client.post(f"{BASE}/items/{foreign}/quick-adjust",
                           data={f"adjust-{foreign}-change": "5", f"adjust-{foreign}-reason": "received"})
    assert response.status_code == 404
    assert on_hand(demo.bistro, foreign) == 3


def test_staff_sees_stock_but_cannot_adjust(client, demo, login_as, shirt):
    login_as(demo.staff)
    page = text(client.get(f"{BASE}/"))
    assert "Linen shirt" in page and "quick-adjust" not in page
    response = client.post(f"{BASE}/items/{shirt}/quick-adjust",
                           data={f"adjust-{shirt}-change": "5", f"adjust-{shirt}-reason": "received"})
    assert response.status_code == 403 and on_hand(demo.acme, shirt) == 4


def test_stock_list_queries_do_not_grow_with_items(client, demo, login_as, count_queries):
    login_as(demo.owner)

    def count() -> int:
        client.get(f"{BASE}/")
        with count_queries() as statements:
            assert client.get(f"{BASE}/").status_code == 200
        return len(statements)

    make_product(demo.acme, "One", variants=sized_variants("one", sizes=("S", "M")))
    few = count()
    for number in range(6):
        make_product(demo.acme, f"Many {number}", variants=sized_variants(f"m{number}", sizes=("S", "M", "L")))
    assert count() == few
