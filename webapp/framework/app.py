"""`Orion`, the Flask application class: assembles the framework and the discovered modules."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, current_app, has_request_context, redirect
from sqlalchemy import event
from sqlalchemy.engine import Engine

from webapp.extensions import db
from webapp.framework import (
    caching,
    errors,
    i18n,
    migrations,
    navigation,
    observability,
    providers,
    security,
    sessions,
    storage,
)
from webapp.framework.auth import guard, login
from webapp.framework.auth.access import public
from webapp.framework.cli.register import register_commands
from webapp.framework.connections import init_app as init_connections
from webapp.framework.health import bp as health_bp
from webapp.framework.i18n_routes import bp as i18n_bp
from webapp.framework.jobs import queues
from webapp.framework.jobs.routes import bp as jobs_bp
from webapp.framework.registry.discovery import MODULES_PATH, discover
from webapp.framework.registry.loader import load_modules
from webapp.framework.registry.registry import ModuleRegistry
from webapp.framework.routing import context as tenant_context
from webapp.framework.routing.hosts import HostDispatcher
from webapp.framework.routing.urls import localise
from webapp.framework.templating import init_app as init_templating

# What every response goes through after its view, in this order (one place, so the order is
# not an accident of which init_app ran first):
RESPONSE_PIPELINE = (
    # The body first: a cached page gets this visitor's slots, CSRF token and nonce, so every
    # hook after it sees the response as it leaves.
    caching.fill_holes,
    # Views declared @personal: Cache-Control: no-store, whatever the body became.
    guard.keep_personal_pages_private,
    # Headers describing the finished body: the CSP names the nonce the body now carries.
    security.set_security_headers,
    # Last: every response carries its request id, whatever a hook before it did.
    observability.echo_request_id,
)


class Orion(Flask):
    modules_path: Path = MODULES_PATH

    def url_for(self, endpoint: str, **values) -> str:
        url = super().url_for(endpoint, **values)
        return localise(url) if has_request_context() else url

    def assemble(self) -> None:
        """Framework first, then modules in dependency order, then the request pipeline."""
        observability.init_app(self)
        init_connections(self)
        caching.init_app(self)
        sessions.init_app(self)
        queues.init_app(self)
        registry = ModuleRegistry(discover(self.modules_path))
        self.extensions["orion.modules"] = registry
        load_modules(self, registry, self.modules_path)
        migrations.init_app(self)
        tenant_context.init_app(self)
        login.init_app(self)
        guard.init_app(self)
        i18n.init_app(self)
        navigation.init_app(self)
        providers.init_app(self)
        init_templating(self)
        errors.init_app(self)
        self.register_blueprint(health_bp)
        self.register_blueprint(i18n_bp)
        self.register_blueprint(jobs_bp)
        storage.init_app(self)
        self.add_url_rule("/", "root", root_redirect)
        register_commands(self)
        self.wsgi_app = HostDispatcher(self, self.wsgi_app)
        security.init_app(self)  # after the dispatcher: proxy headers are applied before it
        self._register_response_pipeline()

    def _register_response_pipeline(self) -> None:
        # Flask runs after_request hooks last-registered first: register the pipeline reversed.
        for hook in reversed(RESPONSE_PIPELINE):
            self.after_request(hook)


@public
def root_redirect():
    """The bare development host shows the main platform's site."""
    return redirect(f"/platforms/{current_app.config['MAIN_PLATFORM_CODE']}/")


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # SQLite: enforce foreign keys like PostgreSQL does; let SQLAlchemy manage transactions.
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()


__all__ = ["Orion", "db"]
