"""Friendly error pages per frontend, and small fragments for htmx requests."""

from __future__ import annotations

import logging

from flask import Flask, g, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.exceptions import HTTPException, InternalServerError

from webapp.framework.htmx import is_htmx
from webapp.framework.ports import tenant_directory

log = logging.getLogger(__name__)


class OrionError(Exception):
    """Base of every domain error a module raises; views turn them into messages."""

    status_code = 400

    def __init__(self, message: str = "", **details):
        super().__init__(message)
        self.message = message
        self.details = details


def _messages() -> dict[int, tuple[str, str]]:
    return {
        400: (_("Bad request"), _("The request could not be understood.")),
        401: (_("Please sign in"), _("You need to sign in to see this page.")),
        403: (_("Not allowed"), _("You do not have permission to do this.")),
        404: (_("Page not found"), _("The page you are looking for does not exist or has moved.")),
        405: (_("Not allowed"), _("This action is not available here.")),
        413: (_("Too large"), _("The upload is larger than allowed.")),
        422: (_("Check your input"), _("Some fields need your attention.")),
        429: (_("Slow down"), _("Too many attempts. Please wait a moment and try again.")),
        500: (_("Something went wrong"), _("An unexpected error occurred. We have been notified.")),
    }


def render_error(code: int, *, text: str | None = None, title: str | None = None, link_url: str | None = None,
                 link_label: str | None = None):
    """The error page (or htmx fragment); `link_url`/`link_label`: one way forward, e.g. an upgrade."""
    default_title, default_text = _messages().get(code, (_("Error"), _("The request could not be completed.")))
    text = text or default_text
    context = {"code": code, "title": title or default_title, "text": text, "link_url": link_url,
               "link_label": link_label}
    if is_htmx():
        return render_template("errors/_fragment.html", **context), code
    frontend = g.get("frontend") or _frontend_from_path(request.path)
    if frontend == "store" and g.get("store") is None:
        _store_from_path(request.path)
    layout = _layout(frontend)
    # The layout's menu is built for `current_frontend`; an unmatched URL has none of its own.
    return render_template("errors/page.html", layout=layout, current_frontend=_layout_frontend(layout),
                           home_url=_home_url(layout), **context), code


def _frontend_from_path(path: str) -> str:
    if path.startswith("/admin"):
        return "admin"
    if path.startswith("/store/"):
        return "store"
    return "storefront" if "/storefront/" in path else "platform"


def _store_from_path(path: str) -> None:
    """An unmatched /store/<code>/… URL: load its store so its own team keeps the dashboard shell."""
    code = path.split("/")[2] if path.count("/") >= 2 else ""
    store = tenant_directory().store(code) if code else None
    if store is not None:
        g.store = store
        g.platform = tenant_directory().platform_by_id(store.platform_id)


def _layout_frontend(layout: str) -> str:
    return layout.removeprefix("layouts/").removesuffix(".html")


def _home_url(layout: str) -> str:
    endpoints = {"layouts/admin.html": "core_admin.dashboard_show", "layouts/store.html": "core_store.dashboard_show",
                 "layouts/storefront.html": "core_storefront.home_show"}
    endpoint = endpoints.get(layout)
    return url_for(endpoint) if endpoint else "/"


def _layout(frontend: str | None) -> str:
    # A dashboard layout only for those who may see that dashboard: an error page must not
    # reveal another merchant's store name.
    if frontend == "admin" and current_user.is_authenticated and current_user.is_platform_staff:
        return "layouts/admin.html"
    store = g.get("store")
    if (frontend == "store" and store is not None and current_user.is_authenticated
            and (current_user.can_access_store(store) or g.get("support_visit") is not None)):
        return "layouts/store.html"
    if frontend == "storefront" and g.get("store") is not None:
        return "layouts/storefront.html"
    return "layouts/platform.html"


def handle_http_error(error: HTTPException):
    if error.code is None or error.code < 400:
        return error
    if error.code == 401 and error.response is not None:
        return error.response
    response = render_error(error.code)
    if error.code == 405 and hasattr(error, "valid_methods"):
        return response[0], 405, {"Allow": ", ".join(error.valid_methods or [])}
    return response


def handle_unexpected(error: Exception):
    log.exception("unhandled error", exc_info=error)
    try:
        return render_error(500)
    except Exception:  # the error page itself must never fail
        log.exception("error page failed")
        return InternalServerError.description, 500


def init_app(app: Flask) -> None:
    app.register_error_handler(HTTPException, handle_http_error)
    if not app.debug:
        app.register_error_handler(Exception, handle_unexpected)
