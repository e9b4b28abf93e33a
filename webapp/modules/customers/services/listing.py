"""The merchant's view of customers: search, segments, one page at a time, CSV export."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal

from flask import current_app
from sqlalchemy import case, func, or_, select

from webapp.extensions import db
from webapp.modules.customers.models import Customer

PER_PAGE = 25
SEGMENTS = ("all", "new", "returning", "top")


def top_spender_threshold() -> Decimal:
    """Total spent from which a customer counts as a top spender (config TOP_SPENDER_THRESHOLD)."""
    return Decimal(str(current_app.config["CUSTOMERS_TOP_SPENDER_THRESHOLD"]))


def _like(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped.lower()}%"


def _query(store_id: int, term: str, segment: str, now: datetime):
    query = select(Customer).where(Customer.store_id == store_id)
    if term.strip():
        pattern = _like(term.strip())
        query = query.where(or_(func.lower(Customer.email).like(pattern, escape="\\"),
                                func.lower(Customer.first_name + " " + Customer.last_name).like(pattern, escape="\\"),
                                func.lower(Customer.last_name).like(pattern, escape="\\")))
    condition = Customer.segment_conditions(now, top_spender_threshold()).get(segment)
    if condition is not None:
        query = query.where(condition)
    return query.order_by(Customer.created_at.desc(), Customer.id.desc())


def search_customers(store_id: int, term: str = "", segment: str = "all", *, page: int = 1,
                     now: datetime | None = None):
    """One page of the store's customers matching `term` (name or email) in `segment`, newest first."""
    query = _query(store_id, term, segment, now or datetime.now(UTC))
    return db.paginate(query, page=page, per_page=PER_PAGE, error_out=False)


def segment_counts(store_id: int, *, now: datetime | None = None) -> dict[str, int]:
    """How many customers each segment holds, in one query."""
    conditions = Customer.segment_conditions(now or datetime.now(UTC), top_spender_threshold())
    columns = [func.count(Customer.id)] + [func.coalesce(func.sum(case((c, 1), else_=0)), 0)
                                           for c in conditions.values()]
    row = db.session.execute(select(*columns).where(Customer.store_id == store_id)).one()
    return dict(zip(SEGMENTS, (int(value) for value in row), strict=True))


def customers_for_export(store_id: int, term: str = "", segment: str = "all", *,
                         now: datetime | None = None) -> Iterator[Customer]:
    """Every matching customer, fetched in batches (the CSV export)."""
    query = _query(store_id, term, segment, now or datetime.now(UTC)).execution_options(yield_per=500)
    yield from db.session.scalars(query)
