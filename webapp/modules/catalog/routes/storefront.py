"""Storefront: product listings (all, category, collection, search), product page, sitemap.

A product or category URL with another language's slug redirects (301) to the slug of the
language being shown, so each page has one canonical address per language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import Blueprint, Response, abort, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from webapp.framework.auth.access import feature_required, public
from webapp.framework.caching import cached, cached_page
from webapp.framework.htmx import render
from webapp.modules.catalog import services
from webapp.modules.catalog.services import ListingQuery, Scope, pick_texts
from webapp.modules.catalog.services.cleaning import is_slug
from webapp.modules.catalog.views.storefront import (
    absolute,
    chosen_options,
    declare_slug_alternates,
    find_by_slug,
    kept_args,
    languages,
    render_listing,
    sitemap_url,
    slugs_by_language,
)

bp = Blueprint("catalog_storefront", __name__)

PRODUCT_PAGE, VARIANT_PANEL = "catalog/storefront/product.html", "catalog/storefront/_variant_panel.html"



@bp.get("/products")
@public
@cached_page
def product_list():
    return render_listing(Scope(), title=_("All products"), endpoint=".product_list",
                          description=_("Browse all products of %(store)s.", store=g.store.name))


@bp.get("/search")
@public
@cached_page
def search_show():
    term = ListingQuery.from_args(request.args).q
    title = _("Search results for “%(term)s”", term=term) if term else _("Search")
    return render_listing(Scope(), title=title, endpoint=".search_show")


@dataclass(frozen=True)
class Found:
    """A category or collection named by a URL slug: what it lists, its name, its canonical slug."""

    scope: Scope
    name: str
    canonical_slug: str
    slugs: dict[str, str]  # language → slug


def _group_listing(endpoint: str, slug: str, find: Callable[[str], Found | None]):
    """The listing of a category or collection named by `slug`; another language's slug redirects."""
    found = cached((endpoint,), lambda: find(slug))
    if found is None:
        abort(404)
    if found.canonical_slug != slug:
        return redirect(url_for(endpoint, slug=found.canonical_slug, **kept_args()), code=301)
    declare_slug_alternates(endpoint, found.slugs)
    description = _("Browse %(name)s at %(store)s.", name=found.name, store=g.store.name)
    return render_listing(found.scope, title=found.name, endpoint=endpoint, slug=slug, description=description)


@bp.get("/c/<slug>")
@public
@cached_page
def category_show(slug: str):
    return _group_listing(".category_show", slug, _category)


def _category(slug: str) -> Found | None:
    categories = services.all_categories(g.store.id)
    category, canonical = find_by_slug(categories, slug, *languages()) if is_slug(slug) else (None, None)
    if category is None:
        return None
    scope = Scope(category_ids=frozenset(services.descendant_ids(categories, category.id)))
    return Found(scope, pick_texts(category.translations, *languages()).name, canonical,
                 slugs_by_language(category.translations, g.store.default_language))


@bp.get("/collections/<slug>")
@public
@feature_required("catalog.collections")
@cached_page
def collection_show(slug: str):
    return _group_listing(".collection_show", slug, _collection)


def _collection(slug: str) -> Found | None:
    collection, canonical = (find_by_slug(services.all_collections(g.store.id), slug, *languages()) if is_slug(slug)
                             else (None, None))
    if collection is None:
        return None
    return Found(Scope(collection_id=collection.id), pick_texts(collection.translations, *languages()).name, canonical,
                 slugs_by_language(collection.translations, g.store.default_language))


def _product_view(slug: str, partial: str):
    product = services.find_product(g.store.id, slug, *languages()) if is_slug(slug) else None
    if product is None:
        abort(404)
    page = services.product_page(g.store.id, product, *languages(), chosen_options())
    if page.canonical_slug != slug:
        return redirect(url_for(request.endpoint, slug=page.canonical_slug, **kept_args()),
                        code=301)
    declare_slug_alternates(".product_show", slugs_by_language(product.translations, g.store.default_language))
    return render(PRODUCT_PAGE, partial, page=page,
                  canonical_url=absolute(url_for(".product_show", slug=page.canonical_slug)))


@bp.get("/p/<slug>")
@public
@cached_page
def product_show(slug: str):
    return _product_view(slug, PRODUCT_PAGE)


@bp.get("/p/<slug>/variant")
@public
@cached_page
def variant_show(slug: str):
    """The variant panel for the chosen options (htmx swaps it); the whole page otherwise."""
    return _product_view(slug, VARIANT_PANEL)


@bp.get("/sitemap.xml")
@public
def sitemap_show():
    language, default = languages()
    store_languages = list(g.store.languages)
    products = [sitemap_url(".product_show", entry.slugs, language, entry.updated_at)
                for entry in services.sitemap_products(g.store.id, store_languages, default)]
    categories = services.all_categories(g.store.id)
    category_urls = [sitemap_url(".category_show", {lang: pick_texts(c.translations, lang, default).slug
                                                    for lang in store_languages}, language) for c in categories]
    xml = render_template("catalog/storefront/sitemap.xml", urls=[*category_urls, *products])
    return Response(xml, mimetype="application/xml")
