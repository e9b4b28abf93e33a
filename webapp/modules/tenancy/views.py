"""View models for tenancy pages and the context tenancy gives other modules' pages: what templates
show, computed here rather than in Jinja."""

from __future__ import annotations

from dataclasses import dataclass

import segno
from flask import current_app, url_for
from flask_babel import gettext as _

from webapp.framework.auth.passwords import MIN_LENGTH
from webapp.framework.i18n import LANGUAGE_NAMES
from webapp.modules.tenancy.services import open_stores, pending_secret, provisioning_uri, unused_recovery_codes


@dataclass(frozen=True)
class ModuleRow:
    code: str
    name: str
    description: str
    tier: str
    requires: tuple[str, ...]
    enabled: bool
    locked: bool
    has_pages: bool


def module_rows(enabled: frozenset[str]) -> list[ModuleRow]:
    registry = current_app.extensions["orion.modules"]
    tiers = {"core": 0, "optional": 1, "internal": 2}
    # A module defined but not built yet must not look finished: the page says it has no pages.
    with_pages = {code for code, _frontend in registry.blueprints().values()}
    rows = [ModuleRow(d.code, d.name, d.description, d.tier, d.requires, d.code in enabled,
                      d.is_core or d.is_internal, d.code in with_pages) for d in registry]
    return sorted(rows, key=lambda row: (tiers[row.tier], row.name))


@dataclass(frozen=True)
class StoreCard:
    name: str
    url: str
    host: str


def platform_home(platform, **_kwargs) -> dict:
    """Open stores of the platform for its home page."""
    stores = open_stores(platform.id)
    cards = [StoreCard(s.name, url_for("core_storefront.home_show", store_code=s.code, platform_code=platform.code),
                       f"{s.subdomain}.{platform.domain}" if platform.domain and s.subdomain else s.code)
             for s in stores]
    return {"stores": cards}


# ---- staff accounts ----------------------------------------------------------------------------

def password_message(reason: str) -> str:
    """Why a new password is refused (`WeakPassword.reason`), as the form shows it."""
    if reason == "too_short":
        return _("Use at least %(num)d characters.", num=MIN_LENGTH)
    return _("This password is too common. Choose one that is harder to guess.")


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
