"""Fragments tenancy renders: the store's contact in the storefront footer, the launch step of the checklist."""

from __future__ import annotations

from flask import g, render_template
from flask_babel import get_locale
from markupsafe import Markup

from webapp.framework.auth.access import may_change
from webapp.framework.caching import cached
from webapp.modules.tenancy.services.launch import launch_state
from webapp.modules.tenancy.services.merchants import seller_details


def store_contact(**_kwargs) -> str:
    """Who runs the store and where, from the merchant's business details (kept until tenancy changes)."""
    store = g.get("store")
    return cached(("store-contact",), lambda: _store_contact(store)) if store is not None else ""


def _store_contact(store) -> Markup:
    seller = seller_details(store.id)
    country = seller.get("country", "")
    return Markup(render_template(  # noqa: S704 (autoescaped)  # nosec B704
        "tenancy/storefront/_store_contact.html", store=store, seller=seller,
        country_name=get_locale().territories.get(country, country) if country else ""))


def launch_step(store=None, **_kwargs) -> Markup:
    """The checklist's last step: the launch button, or that the platform reviews the store first."""
    if store is None:
        return Markup("")
    return Markup(render_template(  # noqa: S704 (autoescaped)  # nosec B704
        "tenancy/store/onboarding/_launch.html", state=launch_state(store.id),
        may_launch=may_change("tenancy.store.launch")))
