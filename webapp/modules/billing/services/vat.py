"""EU VAT on platform invoices: the platform's rate at home, reverse charge for a business with a
valid VAT number in another EU country, none outside the EU.

The VAT number check goes through `VatChecker` (VIES in production); the answer and its date are
stored on the invoice it justified. Tests and development use `FakeVies` (`BILLING_VIES = "fake"`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Protocol

from flask import current_app

EU_COUNTRIES = frozenset((
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
    "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"))
REVERSE_CHARGE_MENTION = ("Reverse charge: VAT to be accounted for by the recipient "
                          "(Article 196, Directive 2006/112/EC).")


@dataclass(frozen=True)
class ViesAnswer:
    valid: bool | None  # None: VIES was asked on `checked_at` and gave no answer (unreachable)
    checked_at: datetime
    reference: str = ""  # the consultation number VIES gives, when it gives one


class VatChecker(Protocol):
    def check(self, vat_number: str, *, at: datetime) -> ViesAnswer | None: ...  # None: VIES unreachable


class FakeVies:
    """Valid for every well-formed number except those ending in 000 (and none is unreachable)."""

    def check(self, vat_number: str, *, at: datetime) -> ViesAnswer | None:
        return ViesAnswer(not vat_number.endswith("000"), at, f"FAKE-{vat_number}")


@dataclass(frozen=True)
class VatDecision:
    treatment: str  # domestic | reverse_charge | outside_eu
    rate: Decimal
    vies: ViesAnswer | None = None


def checker() -> VatChecker:
    """The checker in use: one a test installed, else `BILLING_VIES` ("vies": the EU service; "fake")."""
    configured = current_app.extensions.get("billing.vies")
    if configured is not None:
        return configured
    if current_app.config.get("BILLING_VIES") == "vies":
        from webapp.modules.billing.services.vies import ViesClient  # it builds on this module's ViesAnswer

        return ViesClient(current_app.config["BILLING_VIES_URL"], timeout=current_app.config["BILLING_VIES_TIMEOUT"])
    return FakeVies()


def decide(seller_country: str, seller_rate: Decimal, buyer_country: str, buyer_vat_number: str, *,
           at: datetime) -> VatDecision:
    buyer_country = (buyer_country or "").upper()
    if buyer_country == seller_country.upper():
        return VatDecision("domestic", Decimal(seller_rate))
    if buyer_country not in EU_COUNTRIES:
        return VatDecision("outside_eu", Decimal(0))
    if buyer_vat_number:
        answer = checker().check(buyer_vat_number, at=at)
        if answer is not None and answer.valid:
            return VatDecision("reverse_charge", Decimal(0), answer)
        # Invalid, or no answer obtained (recorded as such on the invoice): the platform's own VAT.
        return VatDecision("domestic", Decimal(seller_rate), answer if answer is not None else ViesAnswer(None, at))
    return VatDecision("domestic", Decimal(seller_rate))


def vat_cents(subtotal_cents: int, rate: Decimal) -> int:
    """VAT on the subtotal, rounded half up to the cent."""
    return int((Decimal(subtotal_cents) * Decimal(rate) / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))
