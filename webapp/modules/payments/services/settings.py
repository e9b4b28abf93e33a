"""Per-store payment settings and the payment methods a store offers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from webapp.extensions import db
from webapp.modules.payments.exceptions import SettingsInvalid
from webapp.modules.payments.models import DEFAULT_GATEWAYS, PaymentSettings
from webapp.modules.payments.services.gateways import GATEWAYS
from webapp.modules.payments.services.gateways.base import N_

STRIPE_KEYS = {  # field → accepted prefixes
    "stripe_publishable_key": ("pk_",),
    "stripe_secret_key": ("sk_", "rk_"),
    "stripe_webhook_secret": ("whsec_",),
}
KEY_PATTERN = re.compile(r"^[A-Za-z0-9_]{8,255}$")


@dataclass(frozen=True)
class GatewayInfo:
    code: str
    label: str  # lazily translated: rendered in the shopper's language
    instructions: str = ""
    publishable_key: str | None = None  # Stripe.js needs it in the browser


def gateway_label(code: str | None) -> str:
    """A payment method's name for merchants ("Manual", "Card (test)"); an unknown code as it is."""
    gateway = GATEWAYS.get(code or "")
    return str(gateway.short_label) if gateway is not None else (code or "")


def find_settings(store_id: int) -> PaymentSettings | None:
    return db.session.scalar(select(PaymentSettings).where(PaymentSettings.store_id == store_id))


def current_settings(store_id: int) -> PaymentSettings:
    """The saved settings, or the defaults (not saved: reading pages must not write)."""
    return find_settings(store_id) or PaymentSettings(store_id=store_id, enabled_gateways=list(DEFAULT_GATEWAYS),
                                                      manual_instructions="")


def settings_for(store_id: int) -> PaymentSettings:
    """The store's payment settings, created with the defaults on first use."""
    settings = find_settings(store_id)
    if settings is not None:
        return settings
    settings = PaymentSettings(store_id=store_id, enabled_gateways=list(DEFAULT_GATEWAYS), manual_instructions="")
    try:
        with db.session.begin_nested():
            db.session.add(settings)
    except IntegrityError:  # created meanwhile by a concurrent request
        return find_settings(store_id)
    return settings


def stripe_ready(settings: PaymentSettings) -> bool:
    return all(getattr(settings, field) for field in STRIPE_KEYS)


def _test_gateway_allowed() -> bool:
    # The simulator "pays" for anything with card 4242…: never on a live shop unless asked for.
    config = current_app.config
    return config.get("ORION_ENV") != "production" or config["PAYMENTS_TEST_GATEWAY_IN_PRODUCTION"]


def usable_gateways(settings: PaymentSettings) -> list[str]:
    """Enabled gateways that can take a payment now (Stripe only with its keys; the test
    simulator not in production)."""
    return [code for code in settings.enabled_gateways
            if code in GATEWAYS and (code != "stripe" or stripe_ready(settings))
            and (code != "test" or _test_gateway_allowed())]


def available_gateways(store_id: int) -> list[GatewayInfo]:
    """The payment methods a shopper may choose in this store, in the merchant's order."""
    settings = current_settings(store_id)
    infos = []
    for code in usable_gateways(settings):
        infos.append(GatewayInfo(
            code=code, label=GATEWAYS[code].label,
            instructions=settings.manual_instructions if code == "manual" else "",
            publishable_key=settings.stripe_publishable_key if code == "stripe" else None))
    return infos


def _key_errors(values: dict[str, str | None]) -> dict[str, str]:
    errors = {}
    for field, prefixes in STRIPE_KEYS.items():
        value = values.get(field)
        if value and (not value.startswith(prefixes) or not KEY_PATTERN.match(value)):
            errors[field] = N_("This does not look like the right Stripe key.")
    return errors


def update_settings(store_id: int, *, enabled_gateways: list[str], manual_instructions: str,
                    stripe_publishable_key: str | None = None, stripe_secret_key: str | None = None,
                    stripe_webhook_secret: str | None = None, clear_stripe: bool = False) -> PaymentSettings:
    """Save the store's payment settings; a key left empty (None or "") keeps the saved one.

    Raises `SettingsInvalid` with one message per field; nothing is changed then.
    """
    settings = current_settings(store_id)
    given = {"stripe_publishable_key": stripe_publishable_key, "stripe_secret_key": stripe_secret_key,
             "stripe_webhook_secret": stripe_webhook_secret}
    given = {field: (value or "").strip() or None for field, value in given.items()}
    errors = _key_errors(given)
    codes = list(dict.fromkeys(enabled_gateways))
    if any(code not in GATEWAYS for code in codes):
        errors["enabled_gateways"] = N_("Unknown payment method.")
    elif not codes:
        errors["enabled_gateways"] = N_("Choose at least one payment method.")
    final = {field: None if clear_stripe else (given[field] or getattr(settings, field)) for field in STRIPE_KEYS}
    if "stripe" in codes:
        for field, value in final.items():
            errors.setdefault(field, None if value else N_("Required to accept payments with Stripe."))
    errors = {field: text for field, text in errors.items() if text}
    if errors:
        raise SettingsInvalid(errors)
    if settings.id is None:  # the unsaved defaults: save them now
        settings = settings_for(store_id)
    settings.enabled_gateways = codes
    settings.manual_instructions = manual_instructions.strip()
    for field, value in final.items():
        setattr(settings, field, value)
    db.session.flush()
    return settings
