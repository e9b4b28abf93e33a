"""View models for the inventory dashboard: what templates show, computed here rather than in Jinja."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from flask_babel import format_decimal
from flask_babel import lazy_gettext as _l

from webapp.framework.providers import implementation
from webapp.modules.inventory.models import InventoryItem, StockMovement
from webapp.modules.inventory.services import stock_figures
from webapp.modules.inventory.services.queries import threshold_of
from webapp.modules.tenancy.services import user_names

log = logging.getLogger(__name__)

# Optional contract: a module that knows what an item is (the catalog) may name it for us.
ITEM_LABELS = "catalog.item_labels"


@dataclass(frozen=True)
class StockRow:
    item: InventoryItem
    label: str
    tracked: bool
    on_hand: int
    reserved: int
    available: int | None
    threshold: int
    is_low: bool

    @property
    def status(self) -> str:
        """untracked | out | low | ok — the badge the stock tables show."""
        if not self.tracked:
            return "untracked"
        if self.on_hand <= 0:
            return "out"
        return "low" if self.is_low else "ok"


REASON_LABELS = {
    "adjustment": _l("Adjustment"),
    "received": _l("Received"),
    "sale": _l("Sale"),
    "return": _l("Return"),
    "correction": _l("Stock count correction"),
    "transfer": _l("Transfer"),
}


@dataclass(frozen=True)
class MovementRow:
    movement: StockMovement
    actor: str

    @property
    def reason(self) -> str:
        return str(REASON_LABELS.get(self.movement.reason, self.movement.reason))

    @property
    def change(self) -> str:
        """The signed change in the reader's locale, e.g. "+5" or "-2"."""
        return format_decimal(self.movement.delta, format="+#,##0;-#,##0")


def item_labels(store_id: int, item_ids: list[int]) -> dict[int, str]:
    """Names for items from the module implementing ITEM_LABELS, if one is enabled."""
    provider = implementation(ITEM_LABELS)
    if provider is None or not item_ids:
        return {}
    try:
        return dict(provider(store_id, item_ids) or {})
    except Exception:  # another module's failure must not break the stock pages
        log.exception("contract %s failed", ITEM_LABELS)
        return {}


def stock_rows(store_id: int, items: list[InventoryItem]) -> list[StockRow]:
    """One row per item with its figures, in a constant number of queries."""
    ids = [item.id for item in items]
    figures = stock_figures(store_id, ids)
    labels = item_labels(store_id, ids)
    rows = []
    for item in items:
        figure = figures[item.id]
        threshold = threshold_of(item)
        rows.append(StockRow(item, labels.get(item.id, ""), figure.tracked, figure.on_hand, figure.reserved,
                             figure.available, threshold, figure.tracked and figure.on_hand <= threshold))
    return rows


def has_labels() -> bool:
    """Whether stock tables have an "Item" column (a module names the items)."""
    return implementation(ITEM_LABELS) is not None


def stock_table(store_id: int, items: list[InventoryItem]) -> dict:
    """Context of the stock table: its rows, and whether items have names to show."""
    return {"rows": stock_rows(store_id, items), "labelled": has_labels()}


def movement_rows(movements: list[StockMovement]) -> list[MovementRow]:
    """Ledger lines with the name of who made them (the system when nobody did)."""
    names = user_names(m.actor_user_id for m in movements)
    return [MovementRow(m, names.get(m.actor_user_id, "")) for m in movements]
