"""What the worker actually runs: the job function inside an application context."""

from __future__ import annotations

import importlib
import logging
import os

from flask import current_app, has_app_context

from webapp.extensions import db

log = logging.getLogger(__name__)
_worker_app = None
_worker_pid: int | None = None


def _app():
    """The worker's application, built once per process (never at import time)."""
    global _worker_app
    if _worker_app is None:
        from webapp import create_app
        _worker_app = create_app()
    return _worker_app


def use_app(app) -> None:
    """Let forked work-horses reuse the app the worker process already built."""
    global _worker_app, _worker_pid
    _worker_app = app
    _worker_pid = os.getpid()


def resolve(func: str):
    module_name, _, attribute = func.partition(":")
    return getattr(importlib.import_module(module_name), attribute)


def run(func: str, args: list, kwargs: dict):
    app = current_app._get_current_object() if has_app_context() else _app()
    # A fresh app context gives the job its own session: in-process it never shares (or
    # commits) the transaction of the code that enqueued it.
    with app.app_context():
        if _worker_pid is not None and os.getpid() != _worker_pid:
            # A forked work-horse must not reuse the parent's pooled connections.
            db.engine.dispose(close=False)
        return _call(func, args, kwargs)


def _call(func: str, args: list, kwargs: dict):
    try:
        result = resolve(func)(*args, **kwargs)
        db.session.commit()
        return result
    except Exception:
        db.session.rollback()
        log.exception("job %s failed", func)
        raise
