"""Holes for what is per visitor in a cached page, and the seal on cached fragments.

While a page shell renders (`open_shell`, opened only by `pages.cached_page`), the CSRF token
(Flask-WTF keeps it in `g`), the CSP nonce and the output of every slot (mini-cart, account
links, "add to cart" box …) are markers; `fill_holes` puts this visitor's values in before the
response leaves. So no visitor's token can be baked into HTML served to another.

A fragment (`fragments.cached`) has no holes: it may be served on any page, cached or not, so
it is built `sealed` — a slot, the CSRF token or the nonce inside it is refused. Slots find the
open shell or seal through `g.storefront_shell` (`providers.render_slot` asks it).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from flask import Response, g
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

from webapp.framework.providers import render_slot
from webapp.framework.security import csp_nonce

_TAG = secrets.token_hex(8)  # markers no page content can contain by chance
CSRF_MARK = f"orion-csrf-{_TAG}"
NONCE_MARK = f"orion-nonce-{_TAG}"
PER_REQUEST_KEYS = ("csrf_token", "csp_nonce")  # where Flask-WTF and security.csp_nonce keep them
SHELL_KEY = "storefront_shell"  # the open shell or seal, for slots
HOLES_KEY = "storefront_holes"  # the holes of the page this response carries, for fill_holes


def slot_mark(index: int) -> str:
    return f"<!--orion-slot-{_TAG}-{index}-->"


@dataclass
class Shell:
    """The slots a page shell left open, in order, with what to render them with."""

    holes: list[tuple[str, dict]] = field(default_factory=list)

    def hole(self, name: str, kwargs: dict) -> Markup:
        self.holes.append((name, kwargs))
        return Markup(slot_mark(len(self.holes) - 1))  # noqa: S704 (a constant marker)  # nosec B704


class Refused:
    """Stands in for every per-visitor value while a fragment builds: using one fails the build."""

    MESSAGE = "{} used inside a cached fragment; cache the page with @cached_page and put it in a slot"

    def hole(self, name: str, _kwargs: dict):
        raise RuntimeError(self.MESSAGE.format(f"slot {name!r}"))

    def __str__(self) -> str:
        raise RuntimeError(self.MESSAGE.format("the CSRF token or the CSP nonce"))

    def __html__(self) -> str:  # Jinja's autoescaped output
        return str(self)

    def __format__(self, _spec: str) -> str:  # f-strings
        return str(self)


@contextmanager
def _standing_in(csrf_token, nonce, shell) -> Iterator:
    # Nests: the innermost applies, and each level gives back what it found.
    keys = (*PER_REQUEST_KEYS, SHELL_KEY)
    saved = {key: g.pop(key) for key in keys if key in g}
    g.csrf_token, g.csp_nonce, g.storefront_shell = csrf_token, nonce, shell
    try:
        yield shell
    finally:
        for key in keys:
            g.pop(key, None)
        for key, value in saved.items():
            setattr(g, key, value)


def open_shell():
    """Render a page for every visitor: markers instead of this visitor's values (`pages` only)."""
    return _standing_in(CSRF_MARK, NONCE_MARK, Shell())


def sealed():
    """Render a fragment that must hold nothing of any visitor."""
    refused = Refused()
    return _standing_in(refused, refused, refused)


def fill_holes(response: Response) -> Response:
    """Put this visitor's slots, CSRF token and nonce where the page shell left markers."""
    holes = g.get(HOLES_KEY)
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
