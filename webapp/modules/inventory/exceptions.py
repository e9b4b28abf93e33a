"""Errors of the inventory module."""

from __future__ import annotations

from collections.abc import Iterable

from webapp.framework.errors import OrionError


class InventoryError(OrionError):
    pass


class OutOfStock(InventoryError):
    """One or more lines ask for more than can be sold; `item_ids` names them."""

    status_code = 409

    def __init__(self, item_ids: Iterable[int]):
        self.item_ids = tuple(sorted(set(item_ids)))
        super().__init__(f"out of stock: items {', '.join(map(str, self.item_ids))}", item_ids=self.item_ids)


class NegativeStock(InventoryError):
    """A change would take a location's stock below zero."""

    status_code = 409


class UnknownItem(InventoryError):
    """No inventory item with that id in this store."""

    status_code = 404


class UnknownLocation(InventoryError):
    """No stock location with that id in this store."""

    status_code = 404


class DuplicateLocation(InventoryError):
    """A store's location names are unique."""


class InvalidQuantity(InventoryError):
    """Quantities are whole numbers; changes are non-zero and order lines positive."""
