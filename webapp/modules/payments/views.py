"""Small helpers the payments views share: form set-up, labels, paging."""

from __future__ import annotations

from flask import request
from flask_babel import gettext as _

from webapp.modules.payments.forms import SettingsForm
from webapp.modules.payments.gateways import GATEWAYS

STATUS_BADGES = {"pending": "warning", "succeeded": "success", "failed": "danger", "refunded": "muted",
                 "partially_refunded": "info"}


def page_number() -> int:
    """`?page=` as a positive integer; anything else is page 1."""
    value = request.args.get("page", "1")
    return int(value) if value.isdigit() and 0 < int(value) < 100_000 else 1


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
