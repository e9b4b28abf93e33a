"""What every template can use: the current tenant, the user, menus, theme, request helpers."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from flask import Flask, current_app, g, request, url_for
from flask_login import current_user

from webapp.framework.htmx import is_partial_request
from webapp.framework.routing.urls import current_path
from webapp.framework.storefront_head import language_alternates

DEFAULT_THEME = {"primary": "#4f46e5", "accent": "#0ea5e9"}


def theme() -> dict:
    """Colours of the current store (or platform), validated as #rrggbb before use in CSS."""
    tenant = g.get("store") or g.get("platform")
    chosen = dict(DEFAULT_THEME)
    for key, value in ((tenant.theme if tenant else None) or {}).items():
        if key in chosen and isinstance(value, str) and _is_hex_colour(value):
            chosen[key] = value
    return chosen


def _is_hex_colour(value: str) -> bool:
    return len(value) == 7 and value[0] == "#" and all(c in "0123456789abcdefABCDEF" for c in value[1:])


@cache
def _asset_version(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]


def static_url(filename: str, module: str | None = None) -> str:
    """A static file URL carrying its content hash, so it can be cached for a year.

    `module` names a module whose own `static/` folder holds the file (served under
    /static/modules/<module>/); without it the file is one of the application's.
    """
    # The same on every host and page (static files are served under one global path).
    urls = current_app.extensions.setdefault("orion.static_urls", {})
    key = (module, filename, request.script_root)
    if key not in urls:
        endpoint = f"{module}_static.static" if module else "static"
        folder = current_app.blueprints[f"{module}_static"].static_folder if module else current_app.static_folder
        urls[key] = url_for(endpoint, filename=filename, v=_asset_version(str(Path(folder) / filename)))
    return urls[key]


def layout_context() -> dict:
    return {
        "current_platform": g.get("platform"),
        "current_store": g.get("store"),
        "current_frontend": g.get("frontend"),
        "current_user": current_user,
        "is_partial": is_partial_request,
        "theme": theme,
        "current_path": current_path,
        "main_platform_code": current_app.config["MAIN_PLATFORM_CODE"],
    }


def init_app(app: Flask) -> None:
    # Flask ships this key set to None, so `setdefault` would never apply: static URLs are
    # versioned by content (`static_url`), so browsers may keep them for a year.
    if app.config.get("SEND_FILE_MAX_AGE_DEFAULT") is None:
        app.config["SEND_FILE_MAX_AGE_DEFAULT"] = 365 * 24 * 3600
    app.jinja_env.globals["static_url"] = static_url
    app.jinja_env.globals["language_alternates"] = language_alternates
    app.context_processor(layout_context)
