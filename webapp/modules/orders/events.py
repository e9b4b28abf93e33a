"""Handlers of events the orders module subscribes to."""

from __future__ import annotations

import logging

from webapp.framework.scoping import store_scope
from webapp.modules.contracts.events import PaymentSucceeded
from webapp.modules.orders.exceptions import InvalidTransition, OrderNotFound
from webapp.modules.orders.services import lifecycle, timeline

log = logging.getLogger(__name__)


def on_payment_succeeded(event: PaymentSucceeded) -> None:
    """A gateway confirmed a payment: the order becomes paid if amount and currency match its total."""
    if not event.order_id:
        return
    with store_scope(event.store_id):
        try:
            lifecycle.mark_paid(event.store_id, event.order_id, platform_id=event.platform_id,
                                payment_id=event.payment_id, amount=event.amount, currency=event.currency)
        except OrderNotFound:
            log.warning("payment %s names order %s, unknown in store %s", event.payment_id, event.order_id,
                        event.store_id)
        except InvalidTransition as error:
            # Money arrived for an order that can no longer be paid (cancelled, voided): the merchant must see it.
            order = lifecycle.locked_order(event.store_id, event.order_id)
            timeline.record(order, "payment_unexpected", payment_id=event.payment_id, amount=event.amount,
                            currency=event.currency, status=error.current)
