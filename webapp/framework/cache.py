"""A small in-process cache that every process drops together.

Entries live in this process (no serialisation, no network round trip per lookup); a shared
generation number — in Redis when configured — says when they are stale, so web processes
never disagree for longer than one request after `invalidate()`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

_MISSING = object()


class GenerationCache:
    def __init__(self, name: str, ttl: int = 300, redis=None):
        self.key = f"orion:cache-generation:{name}"
        self.ttl = ttl
        self.redis = redis
        self._local_generation = 0
        self._seen_generation: int | None = None
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
        if self.redis is not None:
            self.redis.incr(self.key)
        else:
            self._local_generation += 1
        with self._lock:
            self._entries.clear()

    def _generation(self) -> int:
        if self.redis is None:
            return self._local_generation
        return int(self.redis.get(self.key) or 0)
