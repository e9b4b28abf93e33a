"""Structured logs carrying request id, tenant and user; slow-query logging in development."""

from __future__ import annotations

import logging
import re
import time
import uuid

from flask import Flask, g, has_request_context, request
from flask_login import current_user
from sqlalchemy import event

from webapp.extensions import db

log = logging.getLogger("orion.sql")
REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
LOG_FORMAT = ("%(asctime)s %(levelname)s %(name)s request_id=%(request_id)s platform=%(platform)s "
              "store=%(store)s user=%(user)s %(message)s")


class RequestContextFilter(logging.Filter):
    """Adds request id, tenant and user to every record logged while serving a request."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = record.platform = record.store = record.user = "-"
        if has_request_context():
            record.request_id = g.get("request_id", "-")
            platform, store = g.get("platform"), g.get("store")
            record.platform = platform.code if platform else "-"
            record.store = store.code if store else "-"
            user = current_user if g.get("_login_user") is not None else None
            record.user = getattr(user, "id", "-") if user is not None and user.is_authenticated else "-"
        return True


def _assign_request_id() -> None:
    incoming = request.headers.get("X-Request-ID", "")
    g.request_id = incoming if REQUEST_ID.match(incoming) else uuid.uuid4().hex


def echo_request_id(response):
    response.headers["X-Request-ID"] = g.get("request_id", "")
    return response


def _watch_slow_queries(app: Flask) -> None:
    threshold = app.config.get("SLOW_QUERY_MS") or 0
    if not threshold:
        return

    def before(conn, cursor, statement, parameters, context, executemany):
        conn.info.setdefault("orion.query_start", []).append(time.perf_counter())

    def after(conn, cursor, statement, parameters, context, executemany):
        elapsed_ms = (time.perf_counter() - conn.info["orion.query_start"].pop()) * 1000
        if elapsed_ms >= threshold:
            log.warning("slow query %.0f ms: %s", elapsed_ms, statement[:500])

    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", before)
        event.listen(db.engine, "after_cursor_execute", after)


def init_app(app: Flask) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler.addFilter(RequestContextFilter())
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(logging.WARNING if app.testing else logging.INFO)
    app.before_request(_assign_request_id)
    _watch_slow_queries(app)
