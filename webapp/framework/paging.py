"""The one reader of `?page=`: every list and listing parses its page number here."""

from __future__ import annotations

from flask import request

# Beyond this a page number is a typo or a probe; page 1 answers it.
MAX_PAGE = 100_000


def page_number(name: str = "page", *, args=None) -> int:
    """`?<name>=` as a positive integer below MAX_PAGE; anything else is page 1."""
    value = (args if args is not None else request.args).get(name, "1")
    value = value if isinstance(value, str) else str(value)
    # Length first: int() of a string of thousands of digits raises instead of answering.
    ok = len(value) < len(str(MAX_PAGE)) and value.isascii() and value.isdigit()
    return int(value) if ok and int(value) > 0 else 1
