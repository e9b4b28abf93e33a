"""Input hygiene shared by forms and query strings: no control characters reach the database."""

from __future__ import annotations

import re

# NUL and the other C0/DEL controls (tab, newline and carriage return stay): PostgreSQL refuses NUL
# in text, and none of them belongs in a name, slug or search term.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
SLUG_SHAPE = re.compile(r"^[a-z0-9][a-z0-9-]{0,199}$")


def strip_controls(value):
    """`value` without control characters (non-strings are returned as they are)."""
    return _CONTROLS.sub("", value) if isinstance(value, str) else value


def is_slug(value: str) -> bool:
    """Whether `value` can be a stored slug at all (anything else is a 404 without a query)."""
    return bool(SLUG_SHAPE.match(value or ""))
