"""The request guard: host, module enablement, feature gates, closed stores, frontend access — in this order.

A dashboard page outside the store's plan is refused (403 with an upgrade link) only once the
access checks passed, so nobody else learns what the store's plan lacks.
"""

from __future__ import annotations

from flask import Flask, Response, abort, current_app, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from webapp.framework.auth.access import access_of, feature_of, has_permission, is_account_step, is_personal
from webapp.framework.auth.login import login_redirect
from webapp.framework.auth.support import READ_METHODS, current_visit
from webapp.framework.errors import render_error
from webapp.framework.features import feature_enabled, feature_refusal
from webapp.framework.htmx import is_htmx
from webapp.framework.routing.hosts import HOST_MATCH_KEY

# Frontends whose pages are only for signed-in platform users.
DASHBOARD_FRONTENDS = ("admin", "store")
# How long a closed storefront asks clients and crawlers to wait before trying again (seconds).
CLOSED_RETRY_AFTER = 3600
# Modules whose dashboard pages still take changes while a store is paused (to pay and resume it).
PAUSED_WRITABLE_MODULES = ("billing",)


def guard_request():
    """Refuse what this request may not reach; runs before every view."""
    match = request.environ.get(HOST_MATCH_KEY)
    if match is None:
        # A host that belongs to no platform and no store: forget the tenant the URL named,
        # so the error page does not show that tenant's name or theme either.
        g.pop("store", None)
        g.pop("platform", None)
        abort(404)
    registry = current_app.extensions["orion.modules"]
    module = registry.module_of(request.blueprint)
    frontend = registry.frontend_of(request.blueprint)
    g.frontend = frontend
    g.module = module
    if request.endpoint is None or frontend == "static" or request.endpoint == "static":
        return None
    platform = g.get("platform")
    if module and platform is not None and module not in platform.enabled_modules:
        abort(404)
    feature = feature_of(current_app.view_functions[request.endpoint])
    gated = feature is not None and not feature_enabled(feature)
    if gated and frontend == "storefront":
        abort(404)
    if frontend == "storefront" and g.get("store") is not None and not g.store.is_open:
        # Every storefront page of a pending or suspended store, whichever module serves it.
        return render_template("errors/store_closed.html"), 503
    refusal = _check_access(frontend)
    if refusal is None and gated:
        # After the access checks: only the store's own team learns what its plan lacks.
        return feature_refusal(feature)
    return refusal


def closed_store_retry_after(response):
    """`Retry-After` on the closed page of a pending, suspended or paused store (its 503)."""
    store = g.get("store")
    if (response.status_code == 503 and g.get("frontend") == "storefront" and store is not None
            and not store.is_open):
        response.headers.setdefault("Retry-After", str(CLOSED_RETRY_AFTER))
    return response


def _paused_store_access(module: str | None):
    """A paused store's dashboard (its subscription is paused) is read only, but for its billing pages,
    where the merchant adds a card to resume it."""
    if request.method in READ_METHODS or module in PAUSED_WRITABLE_MODULES:
        return None
    return render_error(403, text=_("Your store is paused until the subscription is paid: the dashboard is read "
                                    "only. Add a payment method under Billing to reopen it."))


def _check_access(frontend: str | None):
    view = current_app.view_functions[request.endpoint]
    access = access_of(view)
    if access is None:
        abort(403)  # unclassified routes are closed until someone says who may use them
    needs_login = frontend in DASHBOARD_FRONTENDS or access.kind in ("login", "permission")
    if needs_login and not current_user.is_authenticated:
        return login_redirect()
    if frontend == "admin" and not current_user.is_platform_staff:
        abort(403)
    if frontend == "store" and not current_user.can_access_store(g.store):
        refusal = _support_visit_access()
        if refusal is not None:
            return refusal
    if access.kind == "permission" and not has_permission(access.permission):
        abort(403)
    if frontend == "store" and g.get("store") is not None and g.store.status == "paused":
        refusal = _paused_store_access(g.get("module"))
        if refusal is not None:
            return refusal
    # Last, so it never tells more than the checks above: every page that needs a signed-in user
    # (public ones — sign-in, sign-out — stay open) waits until the account is complete.
    if needs_login and not is_account_step(view):
        return _account_gate()
    return None


def _support_visit_access():
    """A store dashboard for someone off its team: only during their support view of that store, read only."""
    store = g.get("store")
    visit = current_visit(current_user.id) if current_user.is_platform_staff else None
    if (visit is None or store is None or visit.store_id != store.id
            or not current_user.can_manage_platform(store.platform_id)):
        g.pop("store", None)  # not even in the error page's layout
        g.pop("platform", None)
        abort(404)  # do not reveal that another merchant's store exists
    g.support_visit = visit
    if request.method not in READ_METHODS:
        return render_error(403, text=_("This is a read-only support view: nothing can be changed here. "
                                        "Exit the support view and ask the store's team to make the change."))
    return None


def _account_gate() -> Response | None:
    """Send a user who must finish their account first (a required second factor) to that step.

    The one place this is enforced: pages redirect there, htmx gets 403 + HX-Redirect, and a POST
    is answered before its view runs, so nothing changes.
    """
    gate = current_app.extensions["orion.ports"].get("account_gate")
    endpoint = gate(current_user) if gate is not None else None
    if endpoint is None:
        return None
    target = url_for(endpoint)
    if is_htmx():
        response = Response(status=403)
        response.headers["HX-Redirect"] = target
        return response
    return redirect(target, code=303)


def keep_personal_pages_private(response):
    """`Cache-Control: no-store` on every response of a view declared `personal`."""
    view = current_app.view_functions.get(request.endpoint) if request.endpoint else None
    if view is not None and is_personal(view):
        response.headers["Cache-Control"] = "no-store"
    return response


def init_app(app: Flask) -> None:
    app.before_request(guard_request)
    app.after_request(closed_store_retry_after)
