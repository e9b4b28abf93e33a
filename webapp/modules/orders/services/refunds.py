"""Refunds through the payment gateway, in full or in part."""

from __future__ import annotations

import logging
from decimal import Decimal, InvalidOperation

from webapp.extensions import db
from webapp.framework import events
from webapp.framework.errors import OrionError
from webapp.framework.scoping import store_scope
from webapp.modules.contracts.events import OrderRefunded
from webapp.modules.customers import services as customers
from webapp.modules.orders.exceptions import RefundError
from webapp.modules.orders.models import Order
from webapp.modules.orders.services import timeline
from webapp.modules.orders.services.lifecycle import locked_order
from webapp.modules.orders.services.states import check, derive_fulfilment, require
from webapp.modules.payments import services as payments

log = logging.getLogger(__name__)
CENT = Decimal("0.01")
# Payments whose money was taken and can (still) be given back.
CAPTURED = ("succeeded", "partially_refunded")


def _amount(value) -> Decimal:
    try:
        amount = Decimal(str(value)).quantize(CENT)
    except (InvalidOperation, ValueError) as error:
        raise RefundError("the refund amount is not a number", reason="amount") from error
    if not amount.is_finite() or amount <= 0:
        raise RefundError("the refund amount must be above zero", reason="amount")
    return amount


def _allocate(captured: list, amount: Decimal) -> list[tuple[int, Decimal]]:
    """Split `amount` over the captured payments, oldest first: [(payment id, part)]."""
    plan, left = [], amount
    for payment in sorted(captured, key=lambda p: p.id):
        if left <= 0:
            break
        if payment.status not in CAPTURED:
            continue
        available = Decimal(str(payment.amount)) - Decimal(str(payment.refunded_amount or 0))
        part = min(available, left)
        if part > 0:
            plan.append((payment.id, part))
            left -= part
    if not plan:
        raise RefundError("this order has no captured payment to refund", reason="no_payment")
    if left > 0:
        raise RefundError("the payments of this order cannot cover that amount", reason="too_much",
                          maximum=amount - left)
    return plan


def _refund_through_gateway(order: Order, plan, *, platform_id: int) -> Decimal:
    """Run the planned refunds; returns what was refunded (less than planned if one failed)."""
    done = Decimal("0")
    for payment_id, part in plan:
        try:
            # A refusal is either raised or recorded as a refund with status "failed".
            refused = payments.refund(order.store_id, payment_id, part, platform_id=platform_id).status == "failed"
        except OrionError as error:
            log.warning("refund of payment %s for order %s failed: %s", payment_id, order.id, error)
            refused = True
        if refused:
            if done == 0:
                raise RefundError("the payment gateway refused the refund", reason="gateway")
            break
        done += part
    return done


def _restock_plan(order: Order, restock: dict[int, int] | None) -> dict[int, int]:
    """{line id: quantity to put back}, each within what the line can still give back."""
    lines = {line.id: line for line in order.lines}
    plan = {}
    for line_id, quantity in (restock or {}).items():
        if line_id not in lines or isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 0:
            raise RefundError("unknown line or bad quantity to restock", reason="restock", line_id=line_id)
        if quantity > lines[line_id].restockable:
            raise RefundError("more than the line can put back in stock", reason="restock", line_id=line_id,
                              maximum=lines[line_id].restockable)
        if quantity:
            plan[line_id] = quantity
    return plan


def refund(store_id: int, order_id: int, amount: Decimal, *, restock: dict[int, int] | None = None,
           actor_id: int | None, platform_id: int) -> Order:
    """Give back `amount` through the gateway and put `restock` ({line id: quantity}) back in stock.

    Payment becomes partially refunded, or refunded once the total is reached. Raises RefundError
    (nothing refunded) on a bad or too large amount or restock, no captured payment or a gateway
    refusal. If only some of several payments could be refunded, what was refunded is kept (without
    restock) and RefundError(reason="incomplete") is raised: the caller commits in every case.
    """
    amount = _amount(amount)
    with store_scope(store_id):
        order = locked_order(store_id, order_id)
        require(order, "refund")
        if amount > order.refundable_amount:
            raise RefundError("the amount is more than what is left to refund", reason="too_much",
                              maximum=order.refundable_amount)
        plan_restock = _restock_plan(order, restock)
        plan = _allocate(payments.payments_for_order(store_id, order.id), amount)
        refunded = _refund_through_gateway(order, plan, platform_id=platform_id)
        if refunded < amount:
            _apply(order, refunded, {}, actor_id=actor_id, platform_id=platform_id)
            timeline.record(order, "refund_incomplete", actor_id=actor_id, missing=amount - refunded)
            db.session.flush()
            raise RefundError("only part of the amount could be refunded", reason="incomplete",
                              refunded=refunded)
        _apply(order, refunded, plan_restock, actor_id=actor_id, platform_id=platform_id)
        return order


def _put_back(order: Order, plan: dict[int, int]) -> tuple:
    """Count the restocked quantities on the lines (unshipped ones first); what inventory must add."""
    moves = []
    for line in order.lines:
        quantity = plan.get(line.id, 0)
        if not quantity:
            continue
        unshipped = min(quantity, line.to_fulfil)
        line.cancelled_quantity += unshipped
        line.returned_quantity += quantity - unshipped
        moves.append((line.inventory_item_id or 0, line.sku, quantity))
    return tuple(moves)


def _apply(order: Order, refunded: Decimal, restock: dict[int, int], *, actor_id: int | None,
           platform_id: int) -> None:
    new_total = order.refunded_total + refunded
    wanted = "refunded" if new_total >= order.total else "partially_refunded"
    check("payment", order.payment_status, wanted)
    number = sum(1 for a in order.activities if a.kind in ("refunded", "partially_refunded")) + 1
    order.refunded_total, order.payment_status = new_total, wanted
    moves = _put_back(order, restock)
    if moves and order.fulfilment_status in ("unfulfilled", "partially_fulfilled"):
        # Unshipped items put back leave less to ship: the status follows the quantities.
        order.fulfilment_status = derive_fulfilment(order.fulfilment_status, order.lines)
    timeline.record(order, wanted, actor_id=actor_id, amount=refunded, restocked=sum(q for _i, _s, q in moves))
    db.session.flush()
    events.publish(OrderRefunded(platform_id=platform_id, store_id=order.store_id, order_id=order.id,
                                 amount=str(refunded), full=wanted == "refunded", restock=moves,
                                 refund_number=number))
    if order.customer_id is not None:
        customers.record_refund(order.store_id, order.customer_id, refunded)
