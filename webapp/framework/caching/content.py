"""What renews a store's cached pages: a commit that wrote rows of a `StorefrontContent` model.

Writes are collected per session while it flushes (and from bulk statements), and the store's
content version is bumped only after the commit, so no process rebuilds from data that is rolled
back. A bulk write with no store in scope bumps `ALL_STORES`, which every store's keys carry.
"""

from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session

from webapp.framework.caching.tokens import versions
from webapp.framework.scoping import scoped_store_id

CHANGED_KEY = "orion.storefront_changed"
ALL_STORES = "storefront-all"
TENANCY = "tenancy"  # bumped by the tenant directory: store settings, enabled modules


class StorefrontContent:
    """Mixin for store-owned models shown on the storefront: writing their rows renews the store's pages."""


def store_version_name(store_id: int) -> str:
    return f"storefront-{store_id}"


def content_version_names(store_id: int) -> tuple[str, ...]:
    """The version tokens every cached value of this store depends on."""
    return store_version_name(store_id), TENANCY, ALL_STORES


def _changed(session: Session) -> set[str]:
    return session.info.setdefault(CHANGED_KEY, set())


@event.listens_for(Session, "after_flush")
def _collect_flushed(session: Session, _context) -> None:
    changed = {store_version_name(obj.store_id)
               for obj in (*session.new, *session.deleted, *session.dirty)
               if isinstance(obj, StorefrontContent) and obj.store_id is not None
               and (obj not in session.dirty or session.is_modified(obj))}
    if changed:
        _changed(session).update(changed)


@event.listens_for(Session, "do_orm_execute")
def _collect_bulk_writes(state: ORMExecuteState) -> None:
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    if any(issubclass(mapper.class_, StorefrontContent) for mapper in state.all_mappers):
        store_id = scoped_store_id()
        _changed(state.session).add(store_version_name(store_id) if store_id is not None else ALL_STORES)


@event.listens_for(Session, "after_commit")
def _renew(session: Session) -> None:
    for name in session.info.pop(CHANGED_KEY, ()):
        versions().bump(name)


@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop(CHANGED_KEY, None)
