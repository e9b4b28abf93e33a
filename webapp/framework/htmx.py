"""One place decides whether a request gets the whole page or only its partial."""

from __future__ import annotations

from flask import Response, make_response, render_template, request


def is_htmx() -> bool:
    return bool(getattr(request, "htmx", False))


def is_partial_request() -> bool:
    # htmx also sends HX-Request on history restores, which need the whole page
    return is_htmx() and not request.htmx.history_restore_request


def render(page: str, partial: str, /, *, status: int = 200, trigger: str | None = None,
           **context) -> Response:
    """Render `partial` for htmx requests and `page` (which includes it) otherwise."""
    template = partial if is_partial_request() else page
    response = make_response(render_template(template, **context), status)
    response.vary.add("HX-Request")
    if trigger and is_htmx():
        response.headers["HX-Trigger"] = trigger
    return response
