"""Money in billing's pages: integer cents written the locale's way."""

from __future__ import annotations

from decimal import Decimal

from webapp.framework.i18n import money


def cents(amount_cents: int | None, currency: str = "EUR") -> str:
    """Integer cents as money in the current locale: 9243 → "€92.43" (en), "92,43 €" (fr); None → ""."""
    if amount_cents is None:
        return ""
    return money(Decimal(amount_cents).scaleb(-2), currency)
