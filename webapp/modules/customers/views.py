"""View models and choices for customers pages: what templates show, computed here rather than in Jinja."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from flask import g
from flask_babel import get_locale
from flask_babel import gettext as _
from wtforms import SelectChoice

from webapp.framework.auth.passwords import MIN_LENGTH
from webapp.framework.i18n import language_choices
from webapp.modules.customers import services
from webapp.modules.customers.models import Customer

# Territory codes in CLDR that are not countries one ships to.
NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"})


def country_choices() -> list[SelectChoice]:
    """ISO-2 countries named in the current language, sorted by name."""
    territories = get_locale().territories
    choices = sorted((SelectChoice(code, name) for code, name in territories.items()
                      if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES), key=lambda c: c.label)
    return [SelectChoice("", _("Choose a country")), *choices]


def locale_choices() -> list[SelectChoice]:
    return [SelectChoice("", _("Same as the shop")), *(SelectChoice(code, name) for code, name in language_choices())]


def segment_labels() -> dict[str, str]:
    return {"all": _("All customers"), "new": _("New"), "returning": _("Returning"), "top": _("Top spenders")}


@dataclass(frozen=True)
class CustomerRow:
    """One customer as the merchant's list and detail page show them."""

    customer: Customer
    segments: list[tuple[str, str]]  # (code, label)


def customer_rows(customers, now: datetime | None = None) -> list[CustomerRow]:
    now = now or datetime.now(UTC)
    threshold = services.top_spender_threshold()
    labels = segment_labels()
    return [CustomerRow(c, [(code, labels[code]) for code in c.segments(now, threshold)])
            for c in customers]


def page_language() -> str:
    """The language of this page: what emails use for a customer who chose none."""
    return str(get_locale() or g.store.default_language)


def password_message(reason: str) -> str:
    """Why a new password is refused (`WeakPassword.reason`), as the form shows it."""
    if reason == "too_short":
        return _("Use at least %(num)d characters.", num=MIN_LENGTH)
    return _("This password is too common. Choose one that is harder to guess.")


def duplicate_email_message() -> str:
    return _("An account with this email already exists. Sign in, or reset your password if you forgot it.")
