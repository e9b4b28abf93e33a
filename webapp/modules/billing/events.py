"""Handlers of the events billing subscribes to."""

from __future__ import annotations

from webapp.modules.billing.services import start_trial
from webapp.modules.contracts.events import MerchantSignedUp


def on_merchant_signed_up(event: MerchantSignedUp) -> None:
    """A new merchant starts on a trial of the platform's first tier (nothing when it sells none)."""
    start_trial(event.merchant_id, event.platform_id)
