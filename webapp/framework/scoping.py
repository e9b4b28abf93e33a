"""Tenant scoping: one mechanism that filters every query on store-owned rows.

Models that carry a `store_id` inherit `StoreScoped`. While a store is in scope (set for
store and storefront requests, and by jobs with `store_scope`), every ORM query on them gets
`store_id = <that store>` added through `with_loader_criteria`. A query on them with no store in
scope fails loudly instead of returning every tenant's rows; cross-store code (admin, reports)
says so explicitly with `.execution_options(all_stores=True)`.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar

from sqlalchemy import ForeignKey, event
from sqlalchemy.orm import (
    Mapped,
    ORMExecuteState,
    Session,
    declared_attr,
    mapped_column,
    with_loader_criteria,
)

STORE_TABLE = "tenancy_stores"
_current_store_id: ContextVar[int | None] = ContextVar("orion_store_scope", default=None)


class TenantScopeError(RuntimeError):
    """A store-owned table was queried without a store in scope."""


class StoreScoped:
    """Mixin for rows owned by one store."""

    @declared_attr
    def store_id(cls) -> Mapped[int]:
        return mapped_column(ForeignKey(f"{STORE_TABLE}.id", ondelete="CASCADE"), index=True, nullable=False)


def scoped_store_id() -> int | None:
    return _current_store_id.get()


@contextmanager
def store_scope(store_id: int | None):
    token = _current_store_id.set(store_id)
    try:
        yield
    finally:
        _current_store_id.reset(token)


def set_store_scope(store_id: int | None) -> None:
    """Scope the rest of this request to a store (reset by `clear_store_scope` at teardown)."""
    _current_store_id.set(store_id)


def _touches_store_rows(state: ORMExecuteState) -> bool:
    return any(isinstance(m.class_, type) and issubclass(m.class_, StoreScoped)
               for m in state.all_mappers)


@event.listens_for(Session, "do_orm_execute")
def _scope_queries(state: ORMExecuteState) -> None:
    # Bulk UPDATE/DELETE are scoped like SELECT: an unscoped one would reach every store.
    if not (state.is_select or state.is_update or state.is_delete):
        return
    if state.is_column_load or state.is_relationship_load:
        return
    if state.execution_options.get("all_stores") or not _touches_store_rows(state):
        return
    store_id = _current_store_id.get()
    if store_id is None:
        raise TenantScopeError("query on store-owned rows without a store in scope; use store_scope() "
                               "or .execution_options(all_stores=True) for cross-store code")
    state.statement = state.statement.options(
        with_loader_criteria(StoreScoped, lambda cls: cls.store_id == store_id, include_aliases=True))
