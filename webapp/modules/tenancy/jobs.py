"""Job entry points of the tenancy module."""

from __future__ import annotations

from webapp.modules.messaging import services as messaging
from webapp.modules.tenancy.services import request_password_reset, reset_max_age

RESET_EMAIL = "tenancy/emails/password_reset"
LINK_SLOT = "__token__"  # where the link built by the request takes the signed token


def send_password_reset(email: str, *, reset_url: str, locale: str, platform_id: int | None,
                        platform_name: str) -> bool:
    """Email a reset link to the active user with this address, if there is one.

    A job, so the request that asked answers in the same time whether or not the address has an
    account: the lookup, the token and the email all happen here.
    """
    reset = request_password_reset(email)
    if reset is None:
        return False
    messaging.send_email(None, RESET_EMAIL, reset.email,
                         {"name": reset.name, "platform_name": platform_name,
                          "reset_url": reset_url.replace(LINK_SLOT, reset.token),
                          "expires_minutes": reset_max_age() // 60},
                         locale=reset.locale or locale, platform_id=platform_id)
    return True
