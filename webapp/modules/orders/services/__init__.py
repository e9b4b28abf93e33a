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
from webapp.modules.orders.services.lifecycle import cancel, mark_delivered, mark_paid, ship, start_processing
from webapp.modules.orders.services.placing import NewOrder, NewOrderLine, create_order
from webapp.modules.orders.services.queries import (
    OrderQuery,
    get_by_number,
    get_order,
    orders_of_customer,
    search_orders,
    status_counts,
)
from webapp.modules.orders.services.refunds import refund
from webapp.modules.orders.services.states import ALLOWED, can_become, can_refund

__all__ = [
    "ALLOWED",
    "InvalidOrder",
    "InvalidTransition",
    "NewOrder",
    "NewOrderLine",
    "OrderError",
    "OrderNotFound",
    "OrderQuery",
    "RefundError",
    "can_become",
    "can_refund",
    "cancel",
    "create_order",
    "get_by_number",
    "get_order",
    "mark_delivered",
    "mark_paid",
    "orders_of_customer",
    "refund",
    "search_orders",
    "ship",
    "start_processing",
    "status_counts",
]
