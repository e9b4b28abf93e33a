"""Rich text of product descriptions: an allow-list sanitizer, applied on save and on render."""

from __future__ import annotations

import html

import nh3

ALLOWED_TAGS = {"p", "br", "strong", "b", "em", "i", "u", "s", "ul", "ol", "li", "a", "h3", "h4",
                "blockquote", "code", "pre", "hr", "span"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}


def sanitize(value: str | None) -> str:
    """HTML reduced to the allow-list: no scripts, styles, event handlers or javascript: links."""
    if not value:
        return ""
    return nh3.clean(value, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                     link_rel="noopener noreferrer nofollow")


def plain_text(value: str | None) -> str:
    """The words of an HTML fragment, for search and meta descriptions."""
    if not value:
        return ""
    return " ".join(html.unescape(nh3.clean(value, tags=set())).split())
