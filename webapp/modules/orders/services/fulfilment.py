"""Fulfilments: some quantities of some lines leave in one parcel, with carrier and tracking number.

The order's fulfilment status is derived from the lines' quantities (states.derive_fulfilment).
"""

from __future__ import annotations

import logging

from webapp.extensions import db
from webapp.framework import events
from webapp.framework.errors import OrionError
from webapp.framework.scoping import store_scope
from webapp.modules.contracts.events import OrderShipped
from webapp.modules.messaging import services as messaging
from webapp.modules.orders.exceptions import OrderError
from webapp.modules.orders.models import Fulfilment, FulfilmentLine, Order, utcnow
from webapp.modules.orders.services import timeline
from webapp.modules.orders.services.lifecycle import locked_order
from webapp.modules.orders.services.states import check, derive_fulfilment, require
from webapp.modules.tenancy.services import store_names

log = logging.getLogger(__name__)
TRACKING_MAX = 64
CARRIER_MAX = 60
SHIPPED_EMAIL = "orders/emails/shipped"


def _text(value: str | None, limit: int, what: str) -> str:
    text = (value or "").strip()
    if len(text) > limit or not text.isprintable():
        raise OrderError(f"the {what} must be one line of at most {limit} characters", reason=what)
    return text


def _quantities(order: Order, quantities: dict[int, int]) -> dict[int, int]:
    """{line id: quantity} limited to what each line has left to ship; at least one item."""
    lines = {line.id: line for line in order.lines}
    wanted = {}
    for line_id, quantity in quantities.items():
        if line_id not in lines or isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 0:
            raise OrderError("unknown line or bad quantity", reason="quantity", line_id=line_id)
        if quantity > lines[line_id].to_fulfil:
            raise OrderError("more than is left to ship", reason="quantity", line_id=line_id)
        if quantity:
            wanted[line_id] = quantity
    if not wanted:
        raise OrderError("choose at least one item to ship", reason="quantity")
    return wanted


def fulfil(store_id: int, order_id: int, quantities: dict[int, int], *, tracking_number: str = "",
           carrier: str = "", actor_id: int | None, platform_id: int) -> Fulfilment:
    """Ship `quantities` ({line id: quantity}); the customer gets the "shipped" email."""
    tracking = _text(tracking_number, TRACKING_MAX, "tracking")
    carrier = _text(carrier, CARRIER_MAX, "carrier")
    with store_scope(store_id):
        order = locked_order(store_id, order_id)
        require(order, "fulfil")
        wanted = _quantities(order, quantities)
        fulfilment = Fulfilment(store_id=store_id, order_id=order.id, carrier=carrier, tracking_number=tracking,
                                actor_user_id=actor_id, created_at=utcnow())
        for line in order.lines:
            if line.id in wanted:
                line.fulfilled_quantity += wanted[line.id]
                fulfilment.lines.append(FulfilmentLine(store_id=store_id, line_id=line.id, quantity=wanted[line.id]))
        new_status = derive_fulfilment(order.fulfilment_status, order.lines)
        check("fulfilment", order.fulfilment_status, new_status)
        order.fulfilment_status = new_status
        order.shipped_at = order.shipped_at or fulfilment.created_at
        order.tracking_number = tracking or order.tracking_number
        db.session.add(fulfilment)
        db.session.flush()
        timeline.record(order, new_status, actor_id=actor_id, tracking_number=tracking, carrier=carrier,
                        items=sum(wanted.values()))
        db.session.flush()
        events.publish(OrderShipped(platform_id=platform_id, store_id=store_id, order_id=order.id,
                                    fulfilment_id=fulfilment.id, complete=new_status == "fulfilled"))
        _send_shipped_email(order, fulfilment)
        return fulfilment


def _send_shipped_email(order: Order, fulfilment: Fulfilment) -> None:
    if not order.email:
        return
    context = {"order_number": order.number, "tracking_number": fulfilment.tracking_number,
               "carrier": fulfilment.carrier, "store_name": store_names([order.store_id]).get(order.store_id, ""),
               "shipping_method": order.shipping_method_label,
               "complete": order.fulfilment_status == "fulfilled"}
    try:
        messaging.send_email(order.store_id, SHIPPED_EMAIL, order.email, context, locale=order.locale)
    except OrionError:  # refused before anything is written (bad address, template): the parcel left anyway
        log.exception("could not queue the shipped email of order %s", order.id)
