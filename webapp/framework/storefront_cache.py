"""Storefront values cached per store until its content changes.

Every visitor of a store sees the same catalogue in a given language, so storefront views keep
what they build from it (whole pages via `storefront_pages`, shared fragments, resolved slugs)
here instead of loading and rendering it again. Keys carry the store's content version: a commit
that writes rows of a `StorefrontContent` model bumps that version for every process
(`framework.versions`), and a tenancy change (store settings, enabled modules) bumps the
"tenancy" version. Entries also expire after `STOREFRONT_CACHE_SECONDS`, because some of what
pages show is not content (stock held by checkouts, which expires); 0 turns the cache off. Only
values that are the same for every visitor belong here — never anything from the session, the
cart or the signed-in customer.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import partial
from typing import TypeVar

from cachetools import TTLCache
from flask import Flask, current_app, g, request
from flask_babel import get_locale
from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session

from webapp.framework.routing.hosts import ORIGINAL_PATH_KEY
from webapp.framework.scoping import scoped_store_id
from webapp.framework.storefront_holes import shell
from webapp.framework.versions import versions

T = TypeVar("T")
CHANGED_KEY = "orion.storefront_changed"
VERSIONS_KEY = "orion.storefront_versions"
ALL_STORES = "storefront-all"  # bumped by a bulk write on content rows with no store in scope


class StorefrontContent:
    """Mixin for store-owned models shown on the storefront: writing their rows renews the store's pages."""


def store_version_name(store_id: int) -> str:
    return f"storefront-{store_id}"


class ContentCache:
    """Least recently used entries first out once their size passes `megabytes`."""

    def __init__(self, megabytes: float, seconds: int):
        self.enabled = megabytes > 0 and seconds > 0
        self._entries: TTLCache = TTLCache(maxsize=max(int(megabytes * 1024 * 1024), 1), ttl=max(seconds, 1),
                                           getsizeof=_size)
        self._lock = threading.Lock()

    def get(self, key: tuple, build: Callable[[], T]) -> T:
        if not self.enabled:
            return build()
        with self._lock:
            value = self._entries.get(key, _MISSING)
        if value is _MISSING:
            value = build()
            with self._lock:
                self._entries[key] = value
        return value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)


_MISSING = object()


def _size(value) -> int:
    # Rendered HTML dominates; other values (resolved slugs, page data) are small.
    text = getattr(value, "body", value)
    return len(text) + 200 if isinstance(text, str) else 2_000


def cached(key: tuple, build: Callable[[], T], *, per_address: bool = True) -> T:
    """`build()` for this store, its content version, the language and (unless `per_address` is
    false: the value is the same on every page that asks for it) the address of this request."""
    address = ((request.scheme, request.host, request.environ.get(ORIGINAL_PATH_KEY, request.path),
                request.query_string) if per_address else ())
    full_key = (g.store.id, _content_versions(), str(get_locale()), *address, *key)
    return current_app.extensions["orion.storefront_cache"].get(full_key, partial(_build_shell, build))


def _build_shell(build: Callable[[], T]) -> T:
    with shell(allow_slots=False):  # whatever it renders must not carry this visitor's token
        return build()


def _content_versions() -> tuple[str, ...]:
    # Read once per request, so every value of one page comes from the same versions.
    environ = request.environ
    if VERSIONS_KEY not in environ:
        environ[VERSIONS_KEY] = versions().get(store_version_name(g.store.id), "tenancy", ALL_STORES)
    return environ[VERSIONS_KEY]


# --- what renews a store's content -----------------------------------------------------------


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


def init_app(app: Flask) -> None:
    app.extensions["orion.storefront_cache"] = ContentCache(app.config["STOREFRONT_CACHE_MB"],
                                                            app.config["STOREFRONT_CACHE_SECONDS"])
