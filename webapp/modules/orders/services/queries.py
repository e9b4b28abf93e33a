"""Reading orders: one order, a customer's orders, the merchant's filtered list, dashboard figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from webapp.extensions import db
from webapp.framework.scoping import all_stores, store_scope
from webapp.modules.orders.models import Fulfilment, Order, utcnow
from webapp.modules.orders.services.states import FULFILMENT_STATUSES, PAID_STATUSES, PAYMENT_STATUSES, TO_SHIP

PER_PAGE = 25
CUSTOMER_PER_PAGE = 10
DETAILS = (selectinload(Order.lines), selectinload(Order.activities),
           selectinload(Order.fulfilments).selectinload(Fulfilment.lines))


@dataclass(frozen=True)
class OrderQuery:
    """The merchant list's filters: payment and fulfilment status ("" = any) and a search term."""

    payment: str = ""
    fulfilment: str = ""
    term: str = ""

    def __post_init__(self):
        if self.payment not in ("", *PAYMENT_STATUSES):
            raise ValueError(f"unknown payment status {self.payment!r}")
        if self.fulfilment not in ("", *FULFILMENT_STATUSES):
            raise ValueError(f"unknown fulfilment status {self.fulfilment!r}")


def get_order(store_id: int, order_id: int, *, with_details: bool = False) -> Order | None:
    """The store's order `order_id`, or None (another store's id is not found)."""
    query = select(Order).where(Order.store_id == store_id, Order.id == order_id)
    if with_details:
        query = query.options(*DETAILS)
    with store_scope(store_id):
        return db.session.scalar(query)


def get_by_number(store_id: int, number: int, *, with_details: bool = False) -> Order | None:
    query = select(Order).where(Order.store_id == store_id, Order.number == number)
    if with_details:
        query = query.options(*DETAILS)
    with store_scope(store_id):
        return db.session.scalar(query)


def orders_of_customer(store_id: int, customer_id: int, *, page: int = 1, per_page: int = CUSTOMER_PER_PAGE):
    """One page of a customer's orders, newest first."""
    query = (select(Order).where(Order.store_id == store_id, Order.customer_id == customer_id)
             .order_by(Order.placed_at.desc(), Order.id.desc()))
    with store_scope(store_id):
        return db.paginate(query, page=page, per_page=per_page, error_out=False)


def _escaped(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search_orders(store_id: int, query: OrderQuery, *, page: int = 1, per_page: int = PER_PAGE):
    """One page of the store's orders matching the filters, newest first (indexed sort)."""
    statement = (select(Order).where(Order.store_id == store_id)
                 .order_by(Order.placed_at.desc(), Order.id.desc()))
    if query.payment:
        statement = statement.where(Order.payment_status == query.payment)
    if query.fulfilment:
        statement = statement.where(Order.fulfilment_status == query.fulfilment)
    term = query.term.replace("\x00", "").strip().lstrip("#")  # PostgreSQL refuses NUL in text
    if term:
        conditions = [Order.email.like(f"%{_escaped(term.lower())}%", escape="\\")]
        if term.isdigit() and len(term) < 10:
            conditions.append(Order.number == int(term))
        statement = statement.where(or_(*conditions))
    with store_scope(store_id):
        return db.paginate(statement, page=page, per_page=per_page, error_out=False)


def status_counts(store_id: int, column: str = "payment_status") -> dict[str, int]:
    """Orders per payment (or fulfilment) status, for the filters (one grouped query)."""
    if column not in ("payment_status", "fulfilment_status"):
        raise ValueError(f"no counts by {column!r}")
    status = getattr(Order, column)
    with store_scope(store_id):
        rows = db.session.execute(select(status, func.count(Order.id))
                                  .where(Order.store_id == store_id).group_by(status))
        return {value: count for value, count in rows}


def orders_since(store_id: int, since: datetime) -> int:
    with store_scope(store_id):
        return db.session.scalar(select(func.count(Order.id))
                                 .where(Order.store_id == store_id, Order.placed_at >= since)) or 0


def revenue_since(store_id: int, since: datetime, currency: str) -> Decimal:
    """Paid money (minus refunds) of orders in `currency` placed since `since`."""
    with store_scope(store_id):
        amount = db.session.scalar(
            select(func.coalesce(func.sum(Order.total - Order.refunded_total), 0))
            .where(Order.store_id == store_id, Order.payment_status.in_(PAID_STATUSES), Order.currency == currency,
                   Order.placed_at >= since))
    return Decimal(str(amount or 0)).quantize(Decimal("0.01"))


def to_ship_count(store_id: int) -> int:
    with store_scope(store_id):
        return db.session.scalar(select(func.count(Order.id))
                                 .where(Order.store_id == store_id, Order.status == "open",
                                        Order.payment_status.in_(PAID_STATUSES),
                                        Order.fulfilment_status.in_(TO_SHIP))) or 0


def last_days(days: int) -> datetime:
    return utcnow() - timedelta(days=days)


def orders_with_number(number: int, *, store_ids: list[int] | None = None, limit: int = 5) -> list[Order]:
    """Orders numbered `number` in any of `store_ids` (None: every store), for the admin's search box."""
    statement = select(Order).where(Order.number == number).order_by(Order.placed_at.desc()).limit(limit)
    if store_ids is not None:
        if not store_ids:
            return []
        statement = statement.where(Order.store_id.in_(store_ids))
    with all_stores(reason="admin search: order numbers across the admin's platforms"):
        return list(db.session.scalars(statement))
