"""Public API of the orders module (other modules import only from here).

Every function takes the store id explicitly and runs in that store's scope; they flush,
the caller (view, job, command) commits once.
"""

from webapp.modules.orders.exceptions import (
    InvalidOrder,
    InvalidTransition,
    OrderError,
    OrderNotFound,
    RefundError,
)
from webapp.modules.orders.services.fulfilment import fulfil
from webapp.modules.orders.services.lifecycle import cancel, close, mark_delivered, mark_paid, mark_returned
from webapp.modules.orders.services.notes import add_note
from webapp.modules.orders.services.placing import NewOrder, NewOrderLine, create_order
from webapp.modules.orders.services.queries import (
    OrderQuery,
    get_by_number,
    get_order,
    orders_of_customer,
    orders_with_number,
    search_orders,
    status_counts,
)
from webapp.modules.orders.services.refunds import refund
from webapp.modules.orders.services.states import (
    FULFILMENT_STATUSES,
    ORDER_STATUSES,
    PAID_STATUSES,
    PAYMENT_STATUSES,
    available_actions,
)
from webapp.modules.orders.services.usage import month_start, orders_this_month

__all__ = [
    "FULFILMENT_STATUSES",
    "ORDER_STATUSES",
    "PAID_STATUSES",
    "PAYMENT_STATUSES",
    "InvalidOrder",
    "InvalidTransition",
    "NewOrder",
    "NewOrderLine",
    "OrderError",
    "OrderNotFound",
    "OrderQuery",
    "RefundError",
    "add_note",
    "available_actions",
    "cancel",
    "close",
    "create_order",
    "fulfil",
    "get_by_number",
    "get_order",
    "mark_delivered",
    "mark_paid",
    "mark_returned",
    "month_start",
    "orders_of_customer",
    "orders_this_month",
    "orders_with_number",
    "refund",
    "search_orders",
    "status_counts",
]
