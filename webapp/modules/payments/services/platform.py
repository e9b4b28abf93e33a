"""Platform-level charges: what a platform collects from its merchants (billing's invoices).

Unlike a store's checkout, no store settings are involved: the platform has one gateway (`test` in
development and tests, `stripe` in production, chosen by the caller's configuration), and the
merchant's card is kept there as a reference. The card number is never stored: `save_card` hands
it to the gateway once and keeps its reference and a label ("Visa •••• 4242").

The test gateway's saved cards (see `gateways/test.py` for checkout's cards):
- 4242 4242 4242 4242 (and 4000 0000 0000 5126): every charge succeeds;
- 4000 0000 0000 0002: a **soft** decline ("card declined", as Stripe's generic decline): retried;
- 4000 0000 0000 9995: a **soft** decline ("insufficient funds") on the first charge of an invoice,
  success on the next;
- 4000 0000 0000 9987 (lost) and 4000 0000 0000 9979 (stolen), and any other number: a **hard**
  decline, never retried.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import date

from webapp.modules.payments.exceptions import PaymentError, UnknownGateway
from webapp.modules.payments.services.gateways.base import N_, CardInput
from webapp.modules.payments.services.gateways.stripe_gateway import StripeGateway
from webapp.modules.payments.services.gateways.test import (
    DECLINED,
    REFUND_REFUSED,
    RETRY_THEN_SUCCEEDS,
    SUCCEEDS,
    card_problem,
)

log = logging.getLogger(__name__)
CHARGE_OUTCOMES = ("succeeded", "soft_decline", "hard_decline")
LOST = "4000000000009987"
STOLEN = "4000000000009979"
# What a saved test card does when charged, by its number.
TEST_CARD_KINDS = {SUCCEEDS: "ok", REFUND_REFUSED: "ok", DECLINED: "declined", RETRY_THEN_SUCCEEDS: "funds",
                   LOST: "lost", STOLEN: "stolen"}
# Stripe decline codes after which retrying the same card is pointless (the issuer said "never").
HARD_DECLINE_CODES = frozenset({"lost_card", "stolen_card", "pickup_card", "fraudulent", "restricted_card",
                                "invalid_account", "card_not_supported", "expired_card", "incorrect_number",
                                "invalid_number", "do_not_honor", "revocation_of_authorization",
                                "transaction_not_allowed"})


class CardRefused(PaymentError):
    """The gateway would not keep this card; the message (English, translate where shown) says why."""


@dataclass(frozen=True)
class SavedCard:
    reference: str
    label: str  # "Visa •••• 4242"


@dataclass(frozen=True)
class ChargeResult:
    outcome: str  # one of CHARGE_OUTCOMES
    reference: str = ""
    message: str = ""


def _brand(digits: str) -> str:
    if digits.startswith("4"):
        return "Visa"
    if digits[:2] in {"51", "52", "53", "54", "55"} or "2221" <= digits[:4] <= "2720":
        return "Mastercard"
    if digits[:2] in {"34", "37"}:
        return "American Express"
    return "Card"


def save_card(gateway: str, card: CardInput, *, today: date | None = None) -> SavedCard:
    """Hand the card to the platform's gateway once; returns its reference and label (raises CardRefused)."""
    if gateway == "test":
        problem = card_problem(card, today or date.today())
        if problem:
            raise CardRefused(problem)
        digits = card.digits
        if not 12 <= len(digits) <= 19:
            raise CardRefused(N_("Enter the card number (digits only)."))
        kind = TEST_CARD_KINDS.get(digits, "unknown")
        return SavedCard(f"test_pm_{kind}_{card.last4}_{secrets.token_hex(6)}", f"{_brand(digits)} •••• {card.last4}")
    if gateway == "stripe":
        # Stripe keeps cards only through Stripe.js (a SetupIntent confirmed in the browser): the
        # number must not reach Orion, so there is nothing to send from here.
        raise CardRefused(N_("Add the card through the secure card form."))
    raise UnknownGateway(f"unknown platform gateway {gateway!r}")


def charge_saved_card(gateway: str, reference: str, *, amount_cents: int, currency: str, idempotency_key: str,
                      description: str = "", previous_attempts: int = 0, secret_key: str = "") -> ChargeResult:
    """Charge `amount_cents` to a saved card, without the merchant present (off session)."""
    if gateway == "test":
        return _charge_test(reference, previous_attempts)
    if gateway == "stripe":
        return _charge_stripe(reference, amount_cents, currency, idempotency_key, description, secret_key)
    raise UnknownGateway(f"unknown platform gateway {gateway!r}")


def _charge_test(reference: str, previous_attempts: int) -> ChargeResult:
    charge = f"test_ch_{secrets.token_hex(12)}"
    parts = reference.split("_")
    kind = parts[2] if len(parts) >= 4 and reference.startswith("test_pm_") else "unknown"
    if reference.startswith("test_card_"):  # the demo's cards: "test_card_4242"
        kind = "ok" if reference.endswith(("4242", "5126")) else "declined"
    if kind == "ok" or (kind == "funds" and previous_attempts > 0):
        return ChargeResult("succeeded", charge)
    if kind == "funds":
        return ChargeResult("soft_decline", charge, N_("The card has insufficient funds."))
    if kind == "declined":
        return ChargeResult("soft_decline", charge, N_("Your card was declined."))
    if kind in ("lost", "stolen"):
        return ChargeResult("hard_decline", charge, N_("The card was reported lost or stolen."))
    return ChargeResult("hard_decline", charge, N_("The card cannot be charged."))


def _charge_stripe(reference: str, amount_cents: int, currency: str, key: str, description: str,
                   secret_key: str) -> ChargeResult:
    import stripe

    customer, _, method = reference.partition("/")
    gateway = StripeGateway(None)
    try:
        intent = stripe.StripeClient(secret_key, max_network_retries=2).v1.payment_intents.create(
            params={"amount": amount_cents, "currency": currency.lower(), "customer": customer,
                    "payment_method": method, "off_session": True, "confirm": True,
                    "description": description or gateway.label.__str__()},
            options={"idempotency_key": key})
    except stripe.CardError as error:
        code = getattr(error, "code", None) or ""
        decline = (getattr(error, "error", None) and getattr(error.error, "decline_code", None)) or code
        outcome = "hard_decline" if decline in HARD_DECLINE_CODES else "soft_decline"
        return ChargeResult(outcome, "", N_("Your card was declined."))
    except stripe.StripeError as error:
        log.warning("stripe: a platform charge failed: %s", error)
        return ChargeResult("soft_decline", "", N_("The payment could not be started. Please try again."))
    if intent.status == "succeeded":
        return ChargeResult("succeeded", intent.id)
    return ChargeResult("soft_decline", intent.id, N_("The bank asked the cardholder to confirm the payment."))
