"""Holes for what is per visitor in storefront HTML rendered once for every visitor.

While a *shell* renders, the CSRF token (Flask-WTF keeps it in `g`), the CSP nonce and the output
of every slot (mini-cart, account links, "add to cart" box …) are markers; `fill_holes` puts this
visitor's values in before the response leaves. So no visitor's token can be baked into HTML
served to another. A slot inside a cached fragment is refused: its holes could not be filled
later (cache the whole page with `storefront_pages.cached_page` instead).
"""

from __future__ import annotations

import secrets
from contextlib import contextmanager
from dataclasses import dataclass, field

from flask import Flask, Response, g
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

from webapp.framework.providers import render_slot
from webapp.framework.security import csp_nonce

_TAG = secrets.token_hex(8)  # markers no page content can contain by chance
CSRF_MARK = f"orion-csrf-{_TAG}"
NONCE_MARK = f"orion-nonce-{_TAG}"
PER_REQUEST_KEYS = ("csrf_token", "csp_nonce")  # where Flask-WTF and security.csp_nonce keep them


def slot_mark(index: int) -> str:
    return f"<!--orion-slot-{_TAG}-{index}-->"


@dataclass
class Shell:
    """The slots a shell left open, in order, with what to render them with."""

    allow_slots: bool
    holes: list[tuple[str, dict]] = field(default_factory=list)

    def hole(self, name: str, kwargs: dict) -> Markup:
        if not self.allow_slots:
            raise RuntimeError(f"slot {name!r} rendered inside a cached fragment; cache the page instead")
        self.holes.append((name, kwargs))
        return Markup(slot_mark(len(self.holes) - 1))  # noqa: S704 (a constant marker)  # nosec B704


@contextmanager
def shell(*, allow_slots: bool):
    """Render with markers instead of this visitor's values (nests: the innermost shell applies)."""
    saved = {key: g.pop(key) for key in (*PER_REQUEST_KEYS, "storefront_shell") if key in g}
    g.csrf_token, g.csp_nonce = CSRF_MARK, NONCE_MARK
    g.storefront_shell = current = Shell(allow_slots)
    try:
        yield current
    finally:
        for key in (*PER_REQUEST_KEYS, "storefront_shell"):
            g.pop(key, None)
        for key, value in saved.items():
            setattr(g, key, value)
        g.setdefault("storefront_holes", [])  # markers may be in the response: fill them


def fill_holes(response: Response) -> Response:
    """Put this visitor's slots, CSRF token and nonce where a shell left markers."""
    holes = g.pop("storefront_holes", None)
    if holes is None or response.direct_passthrough or not response.mimetype.startswith("text/"):
        return response
    body = response.get_data(as_text=True)
    for index, (name, kwargs) in enumerate(holes):
        body = body.replace(slot_mark(index), render_slot(name, **kwargs), 1)
    if CSRF_MARK in body:
        body = body.replace(CSRF_MARK, generate_csrf())
    if NONCE_MARK in body:
        body = body.replace(NONCE_MARK, csp_nonce())
    response.set_data(body)
    return response


def init_app(app: Flask) -> None:
    app.after_request(fill_holes)
