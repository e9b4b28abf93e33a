"""Public API of the payments module (other modules import only from here).

Gateway messages (`Payment.message`, `Refund.message`) are stored in English: show them with
`_(payment.message)`.
"""

from webapp.modules.payments.exceptions import (
    GatewayNotEnabled,
    PaymentError,
    PaymentNotFound,
    RefundError,
    SettingsInvalid,
    UnknownGateway,
    WebhookError,
)
from webapp.modules.payments.services.gateways import CardInput
from webapp.modules.payments.services.onboarding import payments_configured
from webapp.modules.payments.services.payments import (
    get_payment,
    mark_manual_paid,
    payments_for_order,
    refund,
    start_payment,
    store_payments,
)
from webapp.modules.payments.services.platform import (
    CHARGE_OUTCOMES,
    CardRefused,
    ChargeResult,
    SavedCard,
    charge_saved_card,
    save_card,
)
from webapp.modules.payments.services.settings import (
    GatewayInfo,
    available_gateways,
    current_settings,
    find_settings,
    gateway_label,
    settings_for,
    stripe_ready,
    update_settings,
)
from webapp.modules.payments.services.webhooks import handle_webhook

__all__ = [
    "CHARGE_OUTCOMES",
    "CardInput",
    "CardRefused",
    "ChargeResult",
    "GatewayInfo",
    "GatewayNotEnabled",
    "PaymentError",
    "PaymentNotFound",
    "RefundError",
    "SavedCard",
    "SettingsInvalid",
    "UnknownGateway",
    "WebhookError",
    "available_gateways",
    "charge_saved_card",
    "current_settings",
    "find_settings",
    "gateway_label",
    "get_payment",
    "handle_webhook",
    "mark_manual_paid",
    "payments_configured",
    "payments_for_order",
    "refund",
    "save_card",
    "settings_for",
    "start_payment",
    "store_payments",
    "stripe_ready",
    "update_settings",
]
