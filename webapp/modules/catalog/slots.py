"""Fragments the catalog renders into other modules' pages (storefront home, header)."""

from __future__ import annotations

from flask import render_template
from markupsafe import Markup

from webapp.framework.caching import cached
from webapp.modules.catalog.services import all_categories, cards_for, category_tree, featured_products
from webapp.modules.catalog.views.language import content_language

HOME_FEATURED = 8
HOME_CATEGORIES = 12


def home_sections(store, **_kwargs) -> str:
    """Featured products and top-level category links for the storefront home page."""
    return cached(("home-sections",), lambda: _home_sections(store))


def _home_sections(store) -> Markup:
    language = content_language(store)
    cards = cards_for(store.id, featured_products(store.id, HOME_FEATURED), language, store.default_language)
    tree = category_tree(all_categories(store.id), language, store.default_language)
    categories = [entry for entry in tree if entry.depth == 0][:HOME_CATEGORIES]
    return Markup(render_template(  # noqa: S704 (autoescaped)  # nosec B704
        "catalog/storefront/_home_sections.html", cards=cards, categories=categories))


def header_search(**_kwargs) -> str:
    """A product search box in the storefront header."""
    return render_template("catalog/storefront/_header_search.html")
