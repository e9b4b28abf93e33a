"""What the storefront layout puts in every page's <head> for search engines: the same page in
each of the store's languages (`<link rel="alternate" hreflang>`).

Storefront pages are cached whole per address and language (`caching.cached_page`), so everything
here derives from the request's address and what the view declared, never from the visitor.
"""

from __future__ import annotations

from urllib.parse import urlencode

from flask import g, request

from webapp.framework.i18n import QUERY_ECHO_MAX, alternate_urls
from webapp.framework.routing.hosts import ORIGINAL_PATH_KEY

X_DEFAULT = "x-default"


def language_alternates() -> list[tuple[str, str]]:
    """(hreflang, absolute URL) of this page in each store language, then `x-default`.

    The per-language addresses are the language switcher's (`alternate_urls`): a product or
    category under each language's slug, other pages with `?lang=`.
    """
    if g.get("store") is None:
        return []
    origin = request.host_url.rstrip("/")
    alternates = [(code, origin + url) for code, url in alternate_urls().items()]
    page = origin + request.environ.get(ORIGINAL_PATH_KEY, request.path)  # as browsers see it
    kept = [(key, value) for key, value in request.args.items(multi=True) if key != "lang"]
    if len(request.query_string) > QUERY_ECHO_MAX:
        kept = []  # a page is never a mirror of an unbounded query string (alternate_urls does the same)
    return [*alternates, (X_DEFAULT, _with_args(page, kept))]  # without ?lang: the visitor's own choice


def _with_args(page: str, args: list[tuple[str, str]]) -> str:
    return f"{page}?{urlencode(args)}" if args else page
