"""Inventory test helpers: stocked items in a demo store."""

from __future__ import annotations

import pytest

from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.inventory.services import adjust, ensure_item


@pytest.fixture
def make_item(demo):
    """`make_item("SKU", quantity, store=demo.bistro, track_stock=True)` → the committed item's id."""

    def make(sku: str, quantity: int = 0, *, store=None, location_id: int | None = None, **kwargs) -> int:
        store_id = (store or demo.acme).id
        with store_scope(store_id):
            item = ensure_item(store_id, sku, **kwargs)
            if quantity:
                adjust(store_id, item.id, quantity, reason="received", location_id=location_id)
            db.session.commit()
            return item.id

    return make


@pytest.fixture
def acme(demo):
    """Run the test body in acme's store scope; gives acme's id."""
    with store_scope(demo.acme.id):
        yield demo.acme.id
