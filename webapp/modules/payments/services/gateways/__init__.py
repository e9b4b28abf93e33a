"""The payment gateways Orion knows, by code."""

from __future__ import annotations

from webapp.modules.payments.exceptions import UnknownGateway
from webapp.modules.payments.services.gateways.base import (
    CardInput,
    Gateway,
    PaymentRequest,
    PaymentResult,
    RefundResult,
    WebhookEvent,
)
from webapp.modules.payments.services.gateways.manual import ManualGateway
from webapp.modules.payments.services.gateways.stripe_gateway import StripeGateway
from webapp.modules.payments.services.gateways.test import TestGateway

GATEWAYS: dict[str, type] = {gateway.code: gateway for gateway in (ManualGateway, TestGateway, StripeGateway)}


def gateway_for(code: str, settings) -> Gateway:
    """The gateway `code`, configured with a store's payment settings."""
    try:
        return GATEWAYS[code](settings)
    except KeyError:
        raise UnknownGateway(f"unknown payment gateway {code!r}") from None


__all__ = ["GATEWAYS", "CardInput", "Gateway", "PaymentRequest", "PaymentResult", "RefundResult", "WebhookEvent",
           "gateway_for"]
