"""Route declarations: who may call a view, and what the request guard must do around it.

`public`, `login_required` and `permission_required` stamp the view with an `Access`; the request
guard enforces it and refuses views that carry none (deny by default), and `flask orion check`
lists them. `feature_required` and `personal` are further declarations the guard acts on, so a
view states its rules instead of writing them out.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, g
from flask_login import current_user

ACCESS_ATTR = "orion_access"
FEATURE_ATTR = "orion_feature"
PERSONAL_ATTR = "orion_personal"
ACCOUNT_STEP_ATTR = "orion_account_step"


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


def feature_required(feature: str):
    """The view exists only where the store's or platform's plan includes `feature`.

    Refused by the request guard before the view (or its cached page) runs: 404 on a storefront,
    where a shopper should not learn what a plan lacks, 403 on the dashboards.
    """
    def decorate(view):
        setattr(view, FEATURE_ATTR, feature)
        return view
    return decorate


def personal(view):
    """The response shows one person's data: no browser or shared cache may keep it (no-store)."""
    setattr(view, PERSONAL_ATTR, True)
    return view


def account_step(view):
    """The view stays reachable while the account gate holds a user back (the setup pages of a
    required second factor, signing out); every other dashboard view sends them there first."""
    setattr(view, ACCOUNT_STEP_ATTR, True)
    return view


def is_account_step(view) -> bool:
    return getattr(view, ACCOUNT_STEP_ATTR, False)


def feature_of(view) -> str | None:
    return getattr(view, FEATURE_ATTR, None)


def is_personal(view) -> bool:
    return getattr(view, PERSONAL_ATTR, False)


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


def may_change(permission: str) -> bool:
    """Whether to offer a control that changes something under `permission`: held, and not in a
    read-only support view (whose visitor holds every permission for reading)."""
    return g.get("support_visit") is None and has_permission(permission)


def has_permission(permission: str) -> bool:
    """Whether the current user holds `permission` where the request is (store or platform)."""
    if not current_user.is_authenticated:
        return False
    cache = g.setdefault("_permission_cache", {})
    if permission not in cache:
        if permission not in current_app.extensions["orion.modules"].permissions:
            raise KeyError(f"unknown permission {permission!r}")
        if g.get("support_visit") is not None:
            # A support view sees every page of the store; the guard refuses every write.
            cache[permission] = True
            return True
        cache[permission] = current_user.has_permission(
            permission, store=g.get("store"), platform=g.get("platform"))
    return cache[permission]
