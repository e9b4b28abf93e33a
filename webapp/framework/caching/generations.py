"""A small in-process cache that every process drops together (the tenant directory uses it).

Entries live in this process (no serialisation, no network round trip per lookup); a shared
version token (`tokens`: Redis, or files on one machine) says when they are stale, so web
processes never disagree for longer than one request after `invalidate()`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

_MISSING = object()


class GenerationCache:
    """Entries of one name, all dropped when its version token changes (`sync`) or after `ttl` seconds."""

    def __init__(self, name: str, versions, ttl: int = 300):
        self.name = name
        self.ttl = ttl
        self.versions = versions
        self._seen_generation: str | None = None
        self._entries: dict[Any, tuple[float, Any]] = {}
        self._lock = threading.Lock()

    def sync(self) -> None:
        """Drop every entry if another process invalidated since we last looked."""
        generation = self._generation()
        if generation != self._seen_generation:
            with self._lock:
                self._entries.clear()
                self._seen_generation = generation

    def get(self, key: Any, loader: Callable[[], Any]) -> Any:
        now = time.monotonic()
        entry = self._entries.get(key, _MISSING)
        if entry is not _MISSING and entry[0] > now:
            return entry[1]
        value = loader()
        with self._lock:
            self._entries[key] = (now + self.ttl, value)
        return value

    def __len__(self) -> int:
        return len(self._entries)

    def invalidate(self) -> None:
        self.versions.bump(self.name)
        with self._lock:
            self._entries.clear()

    def _generation(self) -> str:
        return self.versions.get(self.name)[0]
