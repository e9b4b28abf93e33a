"""Storefront values cached per store until its content changes.

Every visitor of a store sees the same catalogue in a given language, so storefront code keeps
what it builds from it (whole pages via `pages`, shared fragments, resolved slugs) here instead
of loading and rendering it again. Keys carry the store's content versions (`content`): a commit
that writes rows of a `StorefrontContent` model, or a tenancy change, renews them in every
process. Entries also expire after `STOREFRONT_CACHE_SECONDS`, because some of what pages show
is not content (stock held by checkouts, which expires); 0 turns the cache off. Only values that
are the same for every visitor belong here — never anything from the session, the cart or the
signed-in customer.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from cachetools import TTLCache
from flask import Flask, current_app, g, request
from flask_babel import get_locale

from webapp.framework.caching.content import content_version_names
from webapp.framework.caching.holes import sealed
from webapp.framework.caching.tokens import versions
from webapp.framework.routing.hosts import ORIGINAL_PATH_KEY

T = TypeVar("T")
EXTENSION_KEY = "orion.storefront_cache"
VERSIONS_KEY = "orion.storefront_versions"


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
    false: the value is the same on every page that asks for it) the address of this request.

    Built sealed: a slot, the CSRF token or the nonce inside it is refused (it has no holes)."""
    return lookup(key, lambda: _build_sealed(build), per_address=per_address)


def _build_sealed(build: Callable[[], T]) -> T:
    with sealed():
        return build()


def lookup(key: tuple, build: Callable[[], T], *, per_address: bool = True) -> T:
    """The cache entry of `key` for this store, versions, language (and address); `build` on a miss."""
    address = ((request.scheme, request.host, request.environ.get(ORIGINAL_PATH_KEY, request.path),
                request.query_string) if per_address else ())
    full_key = (g.store.id, _content_versions(), str(get_locale()), *address, *key)
    return current_app.extensions[EXTENSION_KEY].get(full_key, build)


def _content_versions() -> tuple[str, ...]:
    # Read once per request, so every value of one page comes from the same versions.
    environ = request.environ
    if VERSIONS_KEY not in environ:
        environ[VERSIONS_KEY] = versions().get(*content_version_names(g.store.id))
    return environ[VERSIONS_KEY]


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION_KEY] = ContentCache(app.config["STOREFRONT_CACHE_MB"],
                                                 app.config["STOREFRONT_CACHE_SECONDS"])
