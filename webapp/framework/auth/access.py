"""Route classification: every view declares who may call it, in one decorator.

`public` and `permission_required` stamp the view with an `Access`; the request guard enforces
it and refuses views that carry none (deny by default), and `flask orion check` lists them.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, g
from flask_login import current_user

ACCESS_ATTR = "orion_access"


@dataclass(frozen=True)
class Access:
    kind: str  # "public" | "login" | "permission"
    permission: str | None = None


def _stamp(access: Access):
    def decorate(view):
        setattr(view, ACCESS_ATTR, access)
        return view
    return decorate


def public(view):
    """Anyone may call this view (storefront pages, login form, health)."""
    return _stamp(Access("public"))(view)


def login_required(view):
    """Any signed-in platform user may call this view (their own profile, store chooser)."""
    return _stamp(Access("login"))(view)


def permission_required(permission: str):
    """The signed-in user needs `permission` in the current store or platform."""
    return _stamp(Access("permission", permission))


def access_of(view) -> Access | None:
    return getattr(view, ACCESS_ATTR, None)


def may_call(view) -> bool:
    """Whether the current user passes `view`'s declared access (what the request guard checks)."""
    access = access_of(view)
    if access is None:
        return False
    if access.kind == "public":
        return True
    if access.kind == "login":
        return current_user.is_authenticated
    return has_permission(access.permission)


def has_permission(permission: str) -> bool:
    """Whether the current user holds `permission` where the request is (store or platform)."""
    if not current_user.is_authenticated:
        return False
    cache = g.setdefault("_permission_cache", {})
    if permission not in cache:
        if permission not in current_app.extensions["orion.modules"].permissions:
            raise KeyError(f"unknown permission {permission!r}")
        cache[permission] = current_user.has_permission(
            permission, store=g.get("store"), platform=g.get("platform"))
    return cache[permission]
