"""List filters (search terms, choices) bounded where they enter.

Whatever a visitor types into a filter is echoed back: into the search box, pagination links and
a redirect's `Location` header. Every list parses its filters through these helpers, so a
100,000-character `q` becomes a short term before anything echoes it.
"""

from __future__ import annotations

import re
from collections.abc import Collection

FILTER_MAX = 100

# NUL and the other C0/DEL controls: PostgreSQL refuses NUL, and none belongs in a search term.
_CONTROLS = re.compile(r"[\x00-\x1f\x7f]")


def filter_text(value, max_length: int = FILTER_MAX) -> str:
    """A search term: a string without controls, spaces collapsed, at most `max_length` characters."""
    if not isinstance(value, str):
        return ""
    # Cut before cleaning too: a huge value costs no more than a short one.
    return " ".join(_CONTROLS.sub(" ", value[: max_length * 4]).split())[:max_length]


def filter_choice(value, allowed: Collection[str], default: str = "") -> str:
    """`value` if it is one of `allowed`, else `default` (never the visitor's text)."""
    return value if isinstance(value, str) and value in allowed else default


def bounded(max_length: int = FILTER_MAX):
    """A WTForms filter doing `filter_text` on a search field's data.

    It keeps one character more than the field allows, so the field's `Length` validator still
    refuses (and the list ignores) an over-long term, while the echo stays short.
    """
    def clean(value):
        return filter_text(value, max_length + 1) if value is not None else value
    return clean
