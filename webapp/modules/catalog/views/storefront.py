"""Storefront view helpers: listings (one view serves page or results), canonical slugs, sitemap URLs."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Response, current_app, g, request, url_for

from webapp.framework.caching import cached
from webapp.framework.htmx import render
from webapp.framework.i18n import declare_alternates
from webapp.modules.catalog.services import ListingQuery, Scope, list_products, option_facets, option_labels, pick_texts
from webapp.modules.catalog.services.filters import parse_options
from webapp.modules.catalog.views.language import content_language

LISTING_PAGE = "catalog/storefront/listing.html"
LISTING_RESULTS = "catalog/storefront/_results.html"


def languages() -> tuple[str, str]:
    """(content language, store default language) of this request."""
    return content_language(g.store), g.store.default_language


def render_listing(scope: Scope, *, title: str, endpoint: str, description: str = "", **values) -> Response:
    """The listing page, or only its results for htmx (filters changed, next page)."""
    query = ListingQuery.from_args(request.args)
    language, default = languages()
    if request.args.get("lang") == language:  # a language chosen in the URL stays on the next pages
        values["lang"] = language
    page = list_products(g.store.id, query, scope, language=language, default_language=default,
                         per_page=current_app.config["CATALOG_PAGE_SIZE"])
    next_url = url_for(endpoint, **values, **query.url_args(after=page.next_cursor)) if page.next_cursor else None
    first_url = url_for(endpoint, **values, **query.url_args(after="")) if query.after else None
    # The same for every sort, filter and page of this listing: kept apart from the page itself.
    facets = cached(("facets", scope, query.q), lambda: option_facets(g.store.id, query, scope), per_address=False)
    labels = cached(("option-labels",), lambda: option_labels(g.store.id, language, default), per_address=False)
    return render(LISTING_PAGE, LISTING_RESULTS, title=title, description=description, query=query, page=page,
                  facets=facets, labels=labels, form_url=url_for(endpoint, **values), next_url=next_url,
                  first_url=first_url,
                  show_search=endpoint.endswith("search_show"))


def chosen_options() -> dict[str, str]:
    """The variant picker's choice: `?opt=Size:M&opt=Colour:Red`."""
    return dict(parse_options(request.args.getlist("opt")))


def find_by_slug(records, slug: str, language: str, default: str):
    """(record, canonical slug) of the record with `slug` in any language, preferring `language`."""
    ranked = sorted(((0 if t.language == language else 1 if t.language == default else 2, record)
                     for record in records for t in record.translations if t.slug == slug), key=lambda r: r[0])
    if not ranked:
        return None, None
    record = ranked[0][1]
    return record, pick_texts(record.translations, language, default).slug


KEPT_ARGS = ("q", "min", "max", "opt", "in_stock", "sort", "after", "lang")


def slugs_by_language(translations, default: str) -> dict[str, str]:
    """The record's slug in each store language (falling back like its pages do)."""
    return {lang: pick_texts(translations, lang, default).slug for lang in g.store.languages}


def declare_slug_alternates(endpoint: str, slugs: dict[str, str]) -> None:
    """This page in each language under that language's slug, its filters and variant choice kept."""
    args = {key: value for key, value in kept_args().items() if key not in ("lang", "after")}
    declare_alternates({lang: url_for(endpoint, slug=slug, lang=lang, **args) for lang, slug in slugs.items()})


def kept_args() -> dict:
    """The query arguments a redirect to the canonical URL carries over (nothing that names a route part)."""
    return {key: request.args.getlist(key) for key in KEPT_ARGS if key in request.args}


def absolute(path: str) -> str:
    """An absolute URL in the scheme and host of this request (url_for keeps the host's URL scheme)."""
    return path if "://" in path else request.host_url.rstrip("/") + path


@dataclass(frozen=True)
class SitemapUrl:
    loc: str
    alternates: list[tuple[str, str]]
    lastmod: str | None


def sitemap_url(endpoint: str, slugs: dict[str, str], language: str, updated_at=None) -> SitemapUrl:
    alternates = [(lang, absolute(url_for(endpoint, slug=slug, lang=lang))) for lang, slug in slugs.items()]
    return SitemapUrl(absolute(url_for(endpoint, slug=slugs[language])), alternates if len(alternates) > 1 else [],
                      updated_at.date().isoformat() if updated_at else None)
