"""The current tenant of a request: taken from the URL, put back into generated URLs."""

from __future__ import annotations

from flask import Flask, abort, current_app, g, request

from webapp.framework.ports import PlatformInfo, StoreInfo, tenant_directory
from webapp.framework.scoping import set_store_scope

TENANT_ARGS = ("platform_code", "store_code")


def current_platform() -> PlatformInfo | None:
    return g.get("platform")


def current_store() -> StoreInfo | None:
    return g.get("store")


def current_frontend() -> str | None:
    """The frontend serving this request, from its blueprint (None for framework routes)."""
    blueprint = request.blueprint if request else None
    return current_app.extensions["orion.modules"].frontend_of(blueprint)


def pull_tenant(endpoint: str | None, values: dict | None) -> None:
    """Load the platform/store named in the URL into `g`; unknown codes are a 404."""
    if not values or not any(arg in values for arg in TENANT_ARGS):
        return
    directory = tenant_directory()
    platform_code = values.pop("platform_code", None)
    store_code = values.pop("store_code", None)
    if store_code is not None:
        store = directory.store(store_code)
        if store is None or (platform_code is not None and store.platform_code != platform_code):
            abort(404)
        g.store = store
        g.platform = directory.platform_by_id(store.platform_id)
        set_store_scope(store.id)  # every query on store-owned rows is now limited to this store
    else:
        platform = directory.platform(platform_code)
        if platform is None:
            abort(404)
        g.platform = platform


def push_tenant(endpoint: str, values: dict) -> None:
    """Fill platform/store codes into URLs from the current request's tenant."""
    frontend = current_app.extensions["orion.modules"].frontend_of(endpoint.rpartition(".")[0])
    if frontend in ("store", "storefront"):
        store = g.get("store")
        if "store_code" not in values and store is not None:
            values["store_code"] = store.code
        if frontend == "storefront" and "platform_code" not in values:
            target = values.get("store_code")
            if store is not None and target == store.code:
                values["platform_code"] = store.platform_code
            elif target:
                other = tenant_directory().store(target)
                if other is not None:
                    values["platform_code"] = other.platform_code
    elif frontend == "platform" and "platform_code" not in values and g.get("platform") is not None:
        values["platform_code"] = g.platform.code


def _end_store_scope(_error=None) -> None:
    set_store_scope(None)


def init_app(app: Flask) -> None:
    app.url_value_preprocessor(pull_tenant)
    app.teardown_request(_end_store_scope)
    app.url_defaults(push_tenant)
