"""Fragments tenancy renders into the storefront: the store's contact in the footer."""

from __future__ import annotations

from flask import g, render_template
from flask_babel import get_locale
from markupsafe import Markup

from webapp.framework.caching import cached
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
