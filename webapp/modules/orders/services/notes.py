"""Internal order notes: written by the merchant's team, shown on the order's timeline, never to shoppers."""

from __future__ import annotations

from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.orders.exceptions import OrderError
from webapp.modules.orders.models import OrderActivity
from webapp.modules.orders.services import timeline
from webapp.modules.orders.services.lifecycle import locked_order
from webapp.modules.orders.services.states import require

NOTE_MAX = 500


def add_note(store_id: int, order_id: int, text: str, *, actor_id: int | None, platform_id: int) -> OrderActivity:
    """Append a note (one to 500 characters, control characters removed) to the order's timeline."""
    body = "".join(ch for ch in (text or "") if ch.isprintable() or ch in "\n\t").strip()
    if not body or len(body) > NOTE_MAX:
        raise OrderError("a note has 1 to 500 characters", reason="note")
    with store_scope(store_id):
        order = locked_order(store_id, order_id)
        require(order, "add_note")
        note = timeline.record(order, "note", actor_id=actor_id, message=body)
        db.session.flush()
        return note
