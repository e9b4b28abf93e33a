"""The `StoreScoped` mixin and the set of store-owned tables it defines."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Table, event
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

STORE_TABLE = "tenancy_stores"
_store_tables: set[Table] = set()


class TenantScopeError(RuntimeError):
    """A store-owned table was queried without a store in scope."""


class StoreScoped:
    """Mixin for rows owned by one store."""

    @declared_attr
    def store_id(cls) -> Mapped[int]:
        return mapped_column(ForeignKey(f"{STORE_TABLE}.id", ondelete="CASCADE"), index=True, nullable=False)


@event.listens_for(StoreScoped, "instrument_class", propagate=True)
def _collect_table(mapper, class_) -> None:
    # Known when each model is mapped, so a new model is scoped (and checked) without a list.
    _store_tables.add(mapper.local_table)


def store_tables() -> frozenset[Table]:
    """Every table of a `StoreScoped` model mapped so far."""
    return frozenset(_store_tables)


def is_store_table(table) -> bool:
    return table in _store_tables
