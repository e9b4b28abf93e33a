"""Version tokens that every process sees: a token changes whenever the data it names changes.

Caches keep entries in their own process and put the token in their keys, so one `bump()` after
a commit makes every web process and worker rebuild. Tokens live in Redis when it is configured,
otherwise in small files under `VERSIONS_DIR` (every process of one machine reads the same files).
"""

from __future__ import annotations

import os
import re
import tempfile
import uuid
from pathlib import Path

from flask import Flask, current_app
from redis import Redis

_SAFE_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,80}$")


def _checked(name: str) -> str:
    if not _SAFE_NAME.match(name):
        raise ValueError(f"invalid version name: {name!r}")
    return name


class RedisVersions:
    def __init__(self, redis: Redis, prefix: str = "orion:version:"):
        self.redis, self.prefix = redis, prefix

    def get(self, *names: str) -> tuple[str, ...]:
        values = self.redis.mget([self.prefix + _checked(name) for name in names])
        return tuple(value.decode() if value else "0" for value in values)

    def bump(self, name: str) -> None:
        self.redis.incr(self.prefix + _checked(name))


class FileVersions:
    """One file per name holding a random token, replaced atomically (no lock needed to bump)."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)

    def get(self, *names: str) -> tuple[str, ...]:
        return tuple(self._read(_checked(name)) for name in names)

    def bump(self, name: str) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".bump-")
        with os.fdopen(handle, "w") as file:
            file.write(uuid.uuid4().hex)
        os.replace(temporary, self.folder / _checked(name))

    def _read(self, name: str) -> str:
        try:
            return (self.folder / name).read_text() or "0"
        except FileNotFoundError:
            return "0"


def versions() -> RedisVersions | FileVersions:
    return current_app.extensions["orion.versions"]


def init_app(app: Flask) -> None:
    redis = app.extensions.get("orion.redis")
    app.extensions["orion.versions"] = (RedisVersions(redis) if redis is not None
                                        else FileVersions(app.config["VERSIONS_DIR"]))
