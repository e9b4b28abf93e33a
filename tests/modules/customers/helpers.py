"""Constants and small helpers of the customers tests."""

from __future__ import annotations

import re

ACME = "/platforms/main/storefront/acme"
BISTRO = "/platforms/loyalty/storefront/bistro"
ACME_HOST = "acme.orion.localhost"
BISTRO_HOST = "bistro.loyalty.localhost"
PASSWORD = "correct-horse-battery"


def text(response) -> str:
    return response.get_data(as_text=True)


def link_in(body: str) -> str:
    """The first URL in an email body."""
    match = re.search(r"https?://\S+", body)
    assert match, body
    return match.group(0)
