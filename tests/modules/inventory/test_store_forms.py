"""Dashboard writes: adjusting stock and adding locations, with their bad-input and CSRF cases."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.inventory.models import InventoryItem, StockLocation, StockMovement
from webapp.modules.inventory.routes import store as store_routes
from webapp.modules.inventory.services import availability, default_location

BASE = "/store/acme/inventory"


def text(response) -> str:
    return response.get_data(as_text=True)


@pytest.fixture
def owner(client, demo, login_as):
    login_as(demo.owner)
    return client


@pytest.fixture
def stocked(demo, make_item):
    """An acme item with 3 in the default location: (item id, location id)."""
    item = make_item("MUG-1", 3)
    with store_scope(demo.acme.id):
        return item, default_location(demo.acme.id).id


def movements(store_id: int) -> int:
    with store_scope(store_id):
        return db.session.scalar(select(func.count(StockMovement.id)))


def stock(store_id: int, item: int) -> int:
    with store_scope(store_id):
        return availability(store_id, [item])[item]


def test_htmx_adjust_swaps_the_panel_and_announces_the_change(owner, demo, stocked, htmx_headers):
    item, location = stocked
    response = owner.post(f"{BASE}/items/{item}/adjust", headers=htmx_headers,
                          data={"location": location, "change": "+4", "reason": "received", "note": " pallet 7 "})
    assert response.status_code == 200
    assert response.headers["HX-Trigger"] == "inventory:stock-adjusted"
    fragment = text(response)
    assert fragment.lstrip().startswith('<section id="item-panel"')
    assert "Stock of MUG-1 updated." in fragment
    assert stock(demo.acme.id, item) == 7
    with store_scope(demo.acme.id):
        movement = db.session.scalar(select(StockMovement).order_by(StockMovement.id.desc()))
    assert (movement.delta, movement.reason, movement.note, movement.actor_user_id) == (
        4, "received", "pallet 7", demo.owner.id)


def test_plain_adjust_redirects_with_a_message(owner, demo, stocked):
    item, location = stocked
    response = owner.post(f"{BASE}/items/{item}/adjust",
                          data={"location": location, "change": "-3", "reason": "adjustment"})
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"{BASE}/items/{item}")
    assert "Stock of MUG-1 updated." in text(owner.get(response.headers["Location"]))
    assert stock(demo.acme.id, item) == 0


@pytest.mark.parametrize("change, location, message", [
    ("abc", None, "Not a valid integer value"),
    ("1.5", None, "Not a valid integer value"),
    ("", None, "Enter a whole number."),
    ("0", None, "Enter a change other than zero."),
    ("-4", None, "There is not enough stock at this location"),
    ("99999999", None, "Enter a change between"),
    ("2", "999999", "Not a valid choice"),
    ("2", "nope", "Invalid Choice"),
])
def test_invalid_adjustments_are_refused_with_422_and_nothing_saved(owner, demo, stocked, htmx_headers,
                                                                    change, location, message):
    item, default = stocked
    before = movements(demo.acme.id)
    response = owner.post(f"{BASE}/items/{item}/adjust", headers=htmx_headers,
                          data={"location": location or default, "change": change, "reason": "adjustment",
                                "note": "kept note"})
    assert response.status_code == 422
    fragment = text(response)
    assert message in fragment and 'aria-invalid="true"' in fragment
    assert 'value="kept note"' in fragment
    assert stock(demo.acme.id, item) == 3 and movements(demo.acme.id) == before


def test_invalid_plain_adjustment_renders_the_whole_page_with_422(owner, stocked):
    item, location = stocked
    response = owner.post(f"{BASE}/items/{item}/adjust", data={"location": location, "change": "0",
                                                                 "reason": "adjustment"})
    assert response.status_code == 422
    assert "<html" in text(response) and "Enter a change other than zero." in text(response)


def test_an_unknown_reason_is_refused(owner, demo, stocked, htmx_headers):
    item, location = stocked
    response = owner.post(f"{BASE}/items/{item}/adjust", headers=htmx_headers,
                          data={"location": location, "change": "1", "reason": "sale"})
    assert response.status_code == 422
    assert stock(demo.acme.id, item) == 3


def test_foreign_ids_are_refused(owner, demo, make_item, stocked, htmx_headers):
    item, _location = stocked
    bistro_item = make_item("BISTRO-1", 5, store=demo.bistro)
    with store_scope(demo.bistro.id):
        bistro_location = default_location(demo.bistro.id).id
    # Another store's item in the URL: not found, nothing changes.
    response = owner.post(f"{BASE}/items/{bistro_item}/adjust", headers=htmx_headers,
                          data={"location": bistro_location, "change": "-5", "reason": "adjustment"})
    assert response.status_code == 404
    assert owner.get(f"{BASE}/items/{bistro_item}").status_code == 404
    assert stock(demo.bistro.id, bistro_item) == 5
    # Another store's location in the body: a field error.
    response = owner.post(f"{BASE}/items/{item}/adjust", headers=htmx_headers,
                          data={"location": bistro_location, "change": "1", "reason": "received"})
    assert response.status_code == 422
    assert stock(demo.acme.id, item) == 3 and stock(demo.bistro.id, bistro_item) == 5


def test_adjust_without_csrf_token_is_rejected(owner, demo, stocked):
    item, location = stocked
    response = owner.post(f"{BASE}/items/{item}/adjust", csrf=False,
                          data={"location": location, "change": "5", "reason": "received"})
    assert response.status_code == 400
    assert stock(demo.acme.id, item) == 3


def test_locations_page_lists_and_adds_locations(owner, demo, stocked, htmx_headers):
    assert "Main warehouse" in text(owner.get(f"{BASE}/locations"))
    response = owner.post(f"{BASE}/locations", data={"name": "  Pop-up   shop "}, headers=htmx_headers)
    assert response.status_code == 200
    assert response.headers["HX-Trigger"] == "inventory:location-created"
    assert text(response).lstrip().startswith('<div id="locations">')
    assert "Pop-up shop" in text(response)
    response = owner.post(f"{BASE}/locations", data={"name": "Back room"})
    assert response.status_code == 303
    with store_scope(demo.acme.id):
        names = db.session.scalars(select(StockLocation.name).order_by(StockLocation.id)).all()
    assert names == ["Main warehouse", "Pop-up shop", "Back room"]


@pytest.mark.parametrize("name, message", [("main WAREHOUSE", "A location with this name already exists."),
                                           ("", "This field is required."),
                                           ("x" * 101, "Field cannot be longer than 100 characters.")])
def test_invalid_location_names_are_refused(owner, demo, stocked, htmx_headers, name, message):
    response = owner.post(f"{BASE}/locations", data={"name": name}, headers=htmx_headers)
    assert response.status_code == 422
    assert message in text(response)
    with store_scope(demo.acme.id):
        assert db.session.scalar(select(func.count(StockLocation.id))) == 1


def test_new_location_appears_in_the_adjust_form(owner, demo, stocked):
    item, _location = stocked
    owner.post(f"{BASE}/locations", data={"name": "Shop"})
    with store_scope(demo.acme.id):
        shop = db.session.scalar(select(StockLocation.id).where(StockLocation.name == "Shop"))
    assert f'<option value="{shop}">Shop</option>' in text(owner.get(f"{BASE}/items/{item}"))


def test_item_settings_change_tracking_and_alert_level(owner, demo, stocked, htmx_headers):
    item, _location = stocked
    response = owner.post(f"{BASE}/items/{item}/settings", headers=htmx_headers,
                          data={"low_stock_threshold": "2"})  # unchecked box: stop tracking
    assert response.status_code == 200
    assert response.headers["HX-Trigger"] == "inventory:item-updated"
    assert "Not tracked" in text(response)
    assert stock(demo.acme.id, item) is None
    response = owner.post(f"{BASE}/items/{item}/settings", data={"track_stock": "y", "low_stock_threshold": ""})
    assert response.status_code == 303
    assert stock(demo.acme.id, item) == 3


@pytest.mark.parametrize("threshold", ["-1", "abc", "2.5"])
def test_invalid_alert_levels_are_refused(owner, demo, stocked, htmx_headers, threshold):
    item, _location = stocked
    response = owner.post(f"{BASE}/items/{item}/settings", headers=htmx_headers,
                          data={"track_stock": "y", "low_stock_threshold": threshold})
    assert response.status_code == 422
    assert f'value="{threshold}"' in text(response) and 'aria-invalid="true"' in text(response)
    with store_scope(demo.acme.id):
        assert db.session.get(InventoryItem, item).low_stock_threshold is None


def test_more_locations_need_the_multi_location_feature(owner, demo, stocked, monkeypatch):
    monkeypatch.setattr(store_routes, "feature_enabled", lambda feature: feature != "inventory.multi_location")
    page = text(owner.get(f"{BASE}/locations"))
    assert "Your plan includes one stock location." in page and "Add location" not in page
    assert owner.post(f"{BASE}/locations", data={"name": "Shop"}).status_code == 403
    with store_scope(demo.acme.id):
        assert db.session.scalar(select(func.count(StockLocation.id))) == 1
