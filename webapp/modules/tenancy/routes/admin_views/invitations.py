"""The invitation email a new platform user (staff or a merchant's owner) gets to choose a password."""

from __future__ import annotations

from flask import url_for

from webapp.modules.messaging import services as messaging
from webapp.modules.tenancy import services

TEMPLATE = "tenancy/emails/staff_invitation"


def send_invitation(user, *, inviter: str, platform_id: int | None, what: str) -> None:
    """Queue the email; `what` says what the invitee is invited to (a role, a merchant's store)."""
    token = services.invitation_token(user.id)
    messaging.send_email(None, TEMPLATE, user.email, {
        "name": user.name, "inviter": inviter, "what": what, "days": services.invitation_max_age() // 86400,
        "accept_url": url_for("tenancy_auth.staff_invitation_accept", token=token, _external=True),
    }, locale=user.locale or "en", platform_id=platform_id)
