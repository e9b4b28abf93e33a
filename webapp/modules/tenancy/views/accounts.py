"""Staff accounts: password messages, profile choices, two-factor enrolment."""

from __future__ import annotations

from dataclasses import dataclass

import segno
from flask import current_app
from flask_babel import gettext as _

from webapp.framework.i18n import LANGUAGE_NAMES
from webapp.modules.tenancy.forms import (
    PASSWORD_PROBLEMS,
)
from webapp.modules.tenancy.services import (
    pending_secret,
    provisioning_uri,
    unused_recovery_codes,
)


def password_message(reason: str) -> str:
    """Why a new password is refused (`WeakPassword.reason`), as the form shows it."""
    return str(PASSWORD_PROBLEMS.get(reason, PASSWORD_PROBLEMS["too_short"]))


def profile_language_choices() -> list[tuple[str, str]]:
    """Every language of the dashboards, after "as my browser asks" (no preference)."""
    return [("", _("As my browser asks")),
            *((code, LANGUAGE_NAMES.get(code, code)) for code in current_app.config["LANGUAGES"])]


def qr_code_data_uri(uri: str) -> str:
    """The QR code of `uri` as an SVG data URI, drawn here: no outside service, no inline script or style."""
    return segno.make(uri, error="m").svg_data_uri(scale=5, border=2, dark="#111", light="#fff")


def grouped_secret(secret: str) -> str:
    """The secret in groups of four, easier to type into an app by hand."""
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


@dataclass(frozen=True)
class Enrolment:
    secret: str
    qr_code: str


def enrolment(user) -> Enrolment | None:
    """What the set-up page shows while a second factor is being enrolled, or None."""
    secret = pending_secret(user.id)
    if secret is None:
        return None
    return Enrolment(secret=grouped_secret(secret), qr_code=qr_code_data_uri(provisioning_uri(secret, user.email)))


def recovery_codes_left(user) -> int:
    return unused_recovery_codes(user.id) if user.has_two_factor else 0
