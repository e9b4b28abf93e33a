"""Small helpers the payments views share: form set-up, labels, paging."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from flask import url_for
from flask_babel import gettext as _

from webapp.framework.navigation import link_allowed
from webapp.framework.providers import implementation
from webapp.modules.payments.forms import SettingsForm
from webapp.modules.payments.services.gateways import GATEWAYS

log = logging.getLogger(__name__)

# Optional contract: orders (which payments may not import) names its orders by number.
ORDER_NUMBERS = "orders.numbers"
ORDER_PAGE = "orders_store.order_show"

STATUS_BADGES = {"pending": "warning", "succeeded": "success", "failed": "danger", "refunded": "muted",
                 "partially_refunded": "info"}


def gateway_labels(*, short: bool = False) -> dict[str, str]:
    return {code: str(gateway.short_label if short else gateway.label) for code, gateway in GATEWAYS.items()}


def settings_form(settings, *, posted: bool) -> SettingsForm:
    """The settings form: the posted data, or the saved settings; secrets are never shown."""
    saved = {"enabled_gateways": settings.enabled_gateways, "manual_instructions": settings.manual_instructions,
             "stripe_publishable_key": settings.stripe_publishable_key}
    form = SettingsForm() if posted else SettingsForm(formdata=None, data=saved)
    form.enabled_gateways.choices = list(gateway_labels().items())
    for field in (form.stripe_secret_key, form.stripe_webhook_secret):
        field.description = (_("Set. Leave empty to keep it.") if getattr(settings, field.name)
                             else _("Not set."))
    return form


@dataclass(frozen=True)
class PaymentRow:
    """A payment as the list shows it: its order by number (linked when allowed), its method by name."""

    payment: object
    order_label: str
    order_url: str | None
    method: str


def order_numbers(store_id: int, order_ids: list[int]) -> dict[int, int]:
    provider = implementation(ORDER_NUMBERS)
    if provider is None or not order_ids:
        return {}
    try:
        return dict(provider(store_id, order_ids) or {})
    except Exception:  # another module's failure must not break the payments list
        log.exception("contract %s failed", ORDER_NUMBERS)
        return {}


def payment_rows(store_id: int, payments) -> list[PaymentRow]:
    """Rows for the payments list in one extra query (the order numbers of the whole page)."""
    payments = list(payments)
    numbers = order_numbers(store_id, [p.order_id for p in payments])
    labels, linked = gateway_labels(), link_allowed(ORDER_PAGE)
    # Without the orders module there is no number to show: a dash, never the internal id.
    missing = _("Order no longer available") if implementation(ORDER_NUMBERS) else "—"
    rows = []
    for payment in payments:
        number = numbers.get(payment.order_id)
        rows.append(PaymentRow(
            payment, f"#{number}" if number is not None else missing,
            url_for(ORDER_PAGE, order_id=payment.order_id) if linked and number is not None else None,
            labels.get(payment.gateway, payment.gateway)))
    return rows
