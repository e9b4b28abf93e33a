"""Manual payments: bank transfer or pay on pickup. The merchant marks them paid."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from decimal import Decimal

from flask_babel import lazy_gettext as _l

from webapp.modules.payments.services.gateways.base import PaymentRequest, PaymentResult, RefundResult, WebhookEvent


class ManualGateway:
    code = "manual"
    label = _l("Bank transfer or pay on pickup")
    short_label = _l("Manual")
    supports_webhooks = False

    def __init__(self, settings=None):
        self.settings = settings

    def create_payment(self, request: PaymentRequest) -> PaymentResult:
        return PaymentResult("pending", f"manual_{secrets.token_hex(8)}")

    def refund(self, payment, amount: Decimal) -> RefundResult:
        # Nothing to call: the merchant returns the money themselves; the refund is recorded.
        return RefundResult("succeeded", f"manual_re_{secrets.token_hex(8)}")

    def parse_webhook(self, payload: bytes, headers: Mapping[str, str], settings) -> WebhookEvent | None:
        return None
