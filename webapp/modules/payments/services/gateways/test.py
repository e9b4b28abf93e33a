"""The test gateway: a deterministic card simulator for development and tests. It moves no money.

4242 4242 4242 4242 succeeds; 4000 0000 0000 0002 is declined; 4000 0000 0000 9995 asks for a
retry on the first attempt for an order and succeeds on the next one (made with a new
idempotency key); 4000 0000 0000 5126 succeeds but every refund of it is refused (as Stripe's
test card of that number). Any other number is declined. Expiry and CVC are checked like a real
gateway.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from flask_babel import lazy_gettext as _l

from webapp.modules.payments.services.gateways.base import (
    N_,
    CardInput,
    PaymentRequest,
    PaymentResult,
    RefundResult,
    WebhookEvent,
)

SUCCEEDS = "4242424242424242"
DECLINED = "4000000000000002"
RETRY_THEN_SUCCEEDS = "4000000000009995"
REFUND_REFUSED = "4000000000005126"
CVC = re.compile(r"^\d{3,4}$")


def card_problem(card: CardInput, today: date) -> str | None:
    """Why the card cannot be charged before even trying, or None."""
    if not CVC.match(card.cvc or ""):
        return N_("The security code (CVC) must have 3 or 4 digits.")
    year = card.exp_year + 2000 if 0 <= card.exp_year < 100 else card.exp_year
    if not 1 <= card.exp_month <= 12 or (year, card.exp_month) < (today.year, today.month):
        return N_("Your card has expired.")
    return None


class TestGateway:
    __test__ = False  # not a pytest test class, despite its name

    code = "test"
    label = _l("Test card (no real money)")
    short_label = _l("Test card")
    supports_webhooks = False

    def __init__(self, settings=None):
        self.settings = settings

    def create_payment(self, request: PaymentRequest) -> PaymentResult:
        reference = f"test_pi_{secrets.token_hex(12)}"
        card = request.card
        if card is None:
            return PaymentResult("failed", reference, N_("Card details are required."))
        problem = card_problem(card, date.today())
        if problem:
            return PaymentResult("failed", reference, problem)
        number = card.digits
        if number in (SUCCEEDS, REFUND_REFUSED) or (number == RETRY_THEN_SUCCEEDS and request.previous_attempts > 0):
            return PaymentResult("succeeded", reference)
        if number == RETRY_THEN_SUCCEEDS:
            return PaymentResult("requires_retry", reference, N_("Temporary problem, please try again."))
        return PaymentResult("failed", reference, N_("Your card was declined."))

    def refund(self, payment, amount: Decimal) -> RefundResult:
        reference = f"test_re_{secrets.token_hex(12)}"
        if payment.card_last4 == REFUND_REFUSED[-4:]:
            return RefundResult("failed", reference, N_("The card issuer refused the refund."))
        return RefundResult("succeeded", reference)

    def parse_webhook(self, payload: bytes, headers: Mapping[str, str], settings) -> WebhookEvent | None:
        return None
