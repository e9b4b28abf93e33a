"""Handlers of the events messaging subscribes to: the emails a platform sends on its own behalf."""

from __future__ import annotations

from flask import url_for

from webapp.modules.contracts.events import MerchantSignedUp
from webapp.modules.messaging.services import send_email
from webapp.modules.tenancy import services as tenancy

WELCOME_TEMPLATE = "messaging/emails/merchant_welcome"


def on_merchant_signed_up(event: MerchantSignedUp) -> None:
    """Welcome the owner of a new store: what to do first, and where to sign in."""
    email = tenancy.user_emails([event.user_id]).get(event.user_id)
    if not email:
        return
    languages = tenancy.store_languages(event.store_id)
    code = tenancy.store_codes([event.store_id])[event.store_id]
    # Runs in the signup request (not as a job): the links use the host the merchant signed up on.
    context = {"name": tenancy.user_names([event.user_id]).get(event.user_id, ""),
               "store_name": tenancy.store_names([event.store_id])[event.store_id],
               "dashboard_url": url_for("core_store.dashboard_show", store_code=code, _external=True),
               "login_url": url_for("tenancy_auth.login", _external=True)}
    send_email(None, WELCOME_TEMPLATE, email, context, locale=languages.default, platform_id=event.platform_id)
