"""Which store is in scope, and the explicit, audited switch that lifts the scope."""

from __future__ import annotations

import logging
import sys
from contextlib import contextmanager
from contextvars import ContextVar

logger = logging.getLogger("orion.scoping")
_current_store_id: ContextVar[int | None] = ContextVar("orion_store_scope", default=None)
_all_stores: ContextVar[str | None] = ContextVar("orion_all_stores", default=None)


def scoped_store_id() -> int | None:
    return _current_store_id.get()


def all_stores_reason() -> str | None:
    """The reason given to the enclosing `all_stores()` block, if any."""
    return _all_stores.get()


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


@contextmanager
def all_stores(reason: str):
    """Let admin, report and job code read and write every store's rows; logged with its caller."""
    if not reason or not reason.strip():
        raise ValueError("all_stores() needs a reason")
    audit(reason, depth=3)
    token = _all_stores.set(reason)
    try:
        yield
    finally:
        _all_stores.reset(token)


def audit(reason: str, *, depth: int = 2) -> None:
    frame = sys._getframe(depth)
    logger.info("all-stores access (%s) from %s:%d", reason, frame.f_code.co_filename, frame.f_lineno)
