"""URL slugs: ASCII, lower case, hyphens; unique per store and language."""

from __future__ import annotations

import re
import unicodedata

SLUG_MAX = 120
_NON_WORD = re.compile(r"[^a-z0-9]+")


def slugify(value: str, max_length: int = SLUG_MAX) -> str:
    """`"Crème brûlée, 250 g"` → `"creme-brulee-250-g"`."""
    ascii_text = unicodedata.normalize("NFKD", value or "").encode("ascii", "ignore").decode("ascii")
    slug = _NON_WORD.sub("-", ascii_text.lower()).strip("-")
    return slug[:max_length].rstrip("-")


def first_free(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3`… whichever is not taken yet."""
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"
