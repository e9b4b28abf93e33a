"""Orion: the application factory."""

from __future__ import annotations

from pathlib import Path

from dotenv import load_dotenv
from flask import Flask

from webapp.config import check_config, load_config
from webapp.extensions import csrf, db, htmx, limiter, migrate
from webapp.framework.app import Orion


def create_app(config: dict | None = None) -> Flask:
    """Build the app: config, extensions, modules, tenant routing. Never touches the database."""
    load_dotenv()
    settings = load_config(config)
    check_config(settings)
    app = Orion(__name__, instance_relative_config=True)
    app.config.update(settings)
    _ensure_sqlite_folder(app)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(app.config["MIGRATIONS_DIR"]), render_as_batch=True)
    csrf.init_app(app)
    htmx.init_app(app)
    limiter.init_app(app)
    app.assemble()
    return app


def _ensure_sqlite_folder(app: Flask) -> None:
    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    if uri.startswith("sqlite:///") and ":memory:" not in uri:
        Path(uri.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
