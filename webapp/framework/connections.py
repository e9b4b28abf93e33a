"""Connections to shared services: Redis when `REDIS_URL` is configured (None on the embedded default)."""

from __future__ import annotations

from flask import Flask, current_app
from redis import Redis


def connect(url: str | None) -> Redis | None:
    return Redis.from_url(url) if url else None


def get_redis() -> Redis | None:
    return current_app.extensions.get("orion.redis")


def init_app(app: Flask) -> None:
    app.extensions["orion.redis"] = connect(app.config.get("REDIS_URL"))
