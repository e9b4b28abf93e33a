"""Whole storefront pages served from the storefront cache, their per-visitor parts filled in.

A page every visitor of a store sees alike (listings, product pages, the home page) is rendered
once per store content version, language and address as a shell (`holes`): each request then
only fills in its own CSRF token, nonce and slots (mini-cart, account links …). `cached_page`
is the only way to open a shell, so a view without it never has holes to fill.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from flask import Response, current_app, g, request, session

from webapp.framework.caching.fragments import lookup
from webapp.framework.caching.holes import HOLES_KEY, open_shell
from webapp.framework.htmx import is_partial_request

DROPPED_HEADERS = {"content-length"}


@dataclass(frozen=True)
class PageEntry:
    status: int
    body: str
    headers: tuple[tuple[str, str], ...]
    holes: tuple[tuple[str, dict], ...]


class _Uncacheable(Exception):  # carries the view's own answer (not 200): served once, not kept
    def __init__(self, response: Response, holes: list):
        super().__init__()
        self.response, self.holes = response, holes


def cached_page(view: Callable) -> Callable:
    """Serve a storefront GET view from the storefront cache (see the module docstring)."""

    @wraps(view)
    def page(**kwargs):
        if request.method != "GET" or "_flashes" in session:  # flash messages are this visitor's
            return view(**kwargs)
        try:
            entry = lookup(("page", is_partial_request()), lambda: _render_shell(view, kwargs))
        except _Uncacheable as answer:
            setattr(g, HOLES_KEY, answer.holes)
            return answer.response
        setattr(g, HOLES_KEY, list(entry.holes))
        return current_app.response_class(entry.body, status=entry.status, headers=list(entry.headers))

    return page


def _render_shell(view: Callable, kwargs: dict) -> PageEntry:
    with open_shell() as shell:
        response = current_app.make_response(view(**kwargs))
    if response.status_code != 200 or response.direct_passthrough or "Set-Cookie" in response.headers:
        raise _Uncacheable(response, shell.holes)
    headers = tuple((k, v) for k, v in response.headers.items() if k.lower() not in DROPPED_HEADERS)
    return PageEntry(200, response.get_data(as_text=True), headers, tuple(shell.holes))
