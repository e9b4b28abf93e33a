"""Public API of the inventory module (other modules import only from here).

Every function takes the store id explicitly and runs inside that store's scope
(`webapp.framework.scoping.store_scope`); they flush, the caller commits or rolls back.
"""

from webapp.modules.inventory.exceptions import (
    InvalidQuantity,
    InventoryError,
    NegativeStock,
    OutOfStock,
    UnknownItem,
    UnknownLocation,
)
from webapp.modules.inventory.services.items import (
    add_location,
    default_location,
    ensure_item,
    get_item,
    list_locations,
    update_item,
)
from webapp.modules.inventory.services.queries import count_low_stock, low_stock
from webapp.modules.inventory.services.reservations import (
    StockFigures,
    availability,
    purge_expired_reservations,
    release,
    reserve,
    stock_figures,
)
from webapp.modules.inventory.services.stock import adjust, decrement, restock, set_on_hand

__all__ = [
    "InvalidQuantity",
    "InventoryError",
    "NegativeStock",
    "OutOfStock",
    "StockFigures",
    "UnknownItem",
    "UnknownLocation",
    "add_location",
    "adjust",
    "availability",
    "count_low_stock",
    "decrement",
    "default_location",
    "ensure_item",
    "get_item",
    "list_locations",
    "low_stock",
    "purge_expired_reservations",
    "release",
    "reserve",
    "restock",
    "set_on_hand",
    "stock_figures",
    "update_item",
]
