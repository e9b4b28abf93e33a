"""`/health`: the database, Redis when configured, and each module's own health check."""

from __future__ import annotations

import logging

from flask import Blueprint, current_app, jsonify
from sqlalchemy import text

from webapp.extensions import db
from webapp.framework.auth.access import public
from webapp.framework.connections import get_redis

log = logging.getLogger(__name__)
bp = Blueprint("health", __name__)


def _check(fn) -> dict:
    try:
        detail = fn()
        return {"ok": True, **(detail or {})}
    except Exception as error:
        log.warning("health check failed: %s", error)
        return {"ok": False, "error": type(error).__name__}


def _database() -> dict:
    db.session.execute(text("SELECT 1"))
    return {"backend": db.engine.dialect.name}


def _redis() -> dict:
    redis = get_redis()
    if redis is None:
        return {"configured": False}
    redis.ping()
    return {"configured": True}


@bp.get("/health")
@public
def health():
    checks = {"database": _check(_database), "redis": _check(_redis)}
    registry = current_app.extensions["orion.modules"]
    modules = {}
    for definition in registry:
        if definition.health_check:
            modules[definition.code] = _check(registry.resolve(definition.code, definition.health_check))
    ok = all(c["ok"] for c in checks.values()) and all(c["ok"] for c in modules.values())
    body = {"status": "ok" if ok else "degraded", "checks": checks, "modules": modules}
    return jsonify(body), 200 if ok else 503
