"""Locale selection and Babel formatting of dates, numbers and money."""

from __future__ import annotations

from decimal import Decimal
from functools import cache

from babel.core import get_global
from flask import Flask, current_app, g, request, session
from flask_babel import format_currency, format_date, format_datetime, format_decimal, get_locale
from flask_login import current_user

from webapp.extensions import babel

LANGUAGE_NAMES = {"en": "English", "fr": "Français", "de": "Deutsch", "lb": "Lëtzebuergesch"}


def available_languages() -> list[str]:
    """Languages offered here: the store's (or platform's) that the UI catalog supports."""
    supported = current_app.config["LANGUAGES"]
    tenant = g.get("store") or g.get("platform")
    if tenant is not None and g.get("frontend") in ("storefront", "platform"):
        offered = [code for code in tenant.languages if code in supported]
        return offered or supported
    return supported


def select_locale() -> str:
    """URL (?lang=), then session, then the user's preference, then Accept-Language."""
    languages = available_languages()
    for candidate in (request.args.get("lang"), session.get("lang"), _user_locale()):
        if candidate in languages:
            return candidate
    tenant = g.get("store") or g.get("platform")
    default = tenant.default_language if tenant is not None else current_app.config["BABEL_DEFAULT_LOCALE"]
    return request.accept_languages.best_match(languages) or (default if default in languages else languages[0])


def _user_locale() -> str | None:
    if g.get("frontend") in ("admin", "store") and current_user and current_user.is_authenticated:
        return getattr(current_user, "locale", None)
    return None


def language_choices() -> list[tuple[str, str]]:
    return [(code, LANGUAGE_NAMES.get(code, code)) for code in available_languages()]


@cache
def _country_codes() -> frozenset[str]:
    # CLDR territories that have languages and a currency are countries; groupings (EU, UN,
    # Eurozone, pseudo-regions) and "ZZ", the unknown region, are not.
    codes = set(get_global("territory_languages")) & set(get_global("territory_currencies"))
    return frozenset(code for code in codes if len(code) == 2 and code.isalpha() and code != "ZZ")


def country_choices() -> list[tuple[str, str]]:
    """(ISO code, name in the current language) of every country, sorted by name."""
    names = get_locale().territories
    return sorted(((code, names.get(code, code)) for code in _country_codes()), key=lambda choice: choice[1])


def money(amount: Decimal | int | float | None, currency: str | None = None) -> str:
    if amount is None:
        return ""
    store = g.get("store")
    return format_currency(amount, currency or (store.currency if store else "EUR"))


def iso_datetime(value) -> str:
    """A machine-readable time for `<time datetime>`: HTML allows at most milliseconds."""
    return value.isoformat(timespec="seconds") if value is not None else ""


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.globals.update(get_locale=get_locale, language_choices=language_choices,
                                 language_names=LANGUAGE_NAMES)
    app.jinja_env.filters.update(money=money, date=format_date, datetime=format_datetime,
                                 number=format_decimal, iso_datetime=iso_datetime)
