"""Locale selection and Babel formatting of dates, numbers and money."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from functools import cache
from urllib.parse import urlencode

from babel import Locale, dates
from babel.core import get_global
from flask import Flask, current_app, g, request, session
from flask_babel import format_currency, format_decimal, get_locale, get_timezone, to_user_timezone
from flask_login import current_user

from webapp.extensions import babel
from webapp.framework.routing.urls import current_path

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


def select_timezone() -> str:
    """The store's own time zone on its dashboard and storefront, the platform default elsewhere."""
    store = g.get("store")
    return getattr(store, "timezone", None) or current_app.config["BABEL_DEFAULT_TIMEZONE"]


def _user_locale() -> str | None:
    # The dashboards and the signed-in user's own account pages ("auth") follow their preference.
    if g.get("frontend") in ("admin", "store", "auth") and current_user and current_user.is_authenticated:
        return getattr(current_user, "locale", None)
    return None


QUERY_ECHO_MAX = 2000  # a longer query string is not copied into links and redirects


def declare_alternates(urls: dict[str, str]) -> None:
    """This page in each language (language → same-site path), e.g. a product under each language's slug.

    Pages that name no alternates keep their path and query in every language. What a view
    declares is page content (the same for every visitor), so it may be kept in cached pages.
    """
    g.alternates = dict(urls)


def alternate_urls() -> dict[str, str]:
    """Language → URL of the current page in that language (with `?lang=`): for the language
    switcher and for `<link rel="alternate" hreflang>`; prefix `request.host_url` for absolute ones."""
    declared = g.get("alternates") or {}
    return {code: declared.get(code) or _same_page(code) for code in available_languages()}


def _same_page(language: str) -> str:
    args = [(key, value) for key, value in request.args.items(multi=True) if key != "lang"]
    if len(request.query_string) > QUERY_ECHO_MAX:
        args = []
    return f"{current_path()}?{urlencode([*args, ('lang', language)])}"


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


def country_name(code: str | None, locale: str | None = None) -> str:
    """A country's name in the current (or the given) language; an unknown code stays as it is."""
    code = (code or "").strip().upper()
    if not code:
        return ""
    names = (Locale.parse(locale) if locale else get_locale() or Locale("en")).territories
    return names.get(code, code)


# Countries where English dates are written day first ("2 December 2026", "02/12/2026"): Europe.
EUROPE = frozenset((
    "AD", "AL", "AT", "BA", "BE", "BG", "BY", "CH", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FO",
    "FR", "GB", "GG", "GI", "GR", "HR", "HU", "IE", "IM", "IS", "IT", "JE", "LI", "LT", "LU", "LV",
    "MC", "MD", "ME", "MK", "MT", "NL", "NO", "PL", "PT", "RO", "RS", "SE", "SI", "SK", "SM", "UA",
    "VA", "XK",
))
DEFAULT_COUNTRY = "LU"  # dashboards and pages without a store: the platform's home market


def formatting_locale() -> Locale:
    """The locale dates are written in: the UI language, made regional where it matters.

    English keeps the UI language `en` but writes dates the European way (`en_150`: day, month,
    year; 24-hour clock) when the store's country (else DEFAULT_COUNTRY) is in Europe.
    """
    locale = get_locale() or Locale("en")
    store = g.get("store")
    country = getattr(store, "country", None) or current_app.config.get("ORION_COUNTRY", DEFAULT_COUNTRY)
    if locale.language == "en" and not locale.territory and country in EUROPE:
        return Locale.parse("en_150")
    return locale


def format_date(value, format: str = "medium") -> str:  # Babel's name
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = to_user_timezone(value)
    return dates.format_date(value, format, locale=formatting_locale())


def format_datetime(value, format: str = "medium") -> str:
    if value is None:
        return ""
    return dates.format_datetime(value, format, tzinfo=get_timezone(), locale=formatting_locale())


def money(amount: Decimal | int | float | None, currency: str | None = None) -> str:
    if amount is None:
        return ""
    store = g.get("store")
    return format_currency(amount, currency or (store.currency if store else "EUR"))


def iso_datetime(value) -> str:
    """A machine-readable time for `<time datetime>`: HTML allows at most milliseconds."""
    return value.isoformat(timespec="seconds") if value is not None else ""


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)
    app.jinja_env.globals.update(get_locale=get_locale, language_choices=language_choices,
                                 alternate_urls=alternate_urls, language_names=LANGUAGE_NAMES)
    app.jinja_env.filters.update(money=money, date=format_date, datetime=format_datetime, country=country_name,
                                 number=format_decimal, iso_datetime=iso_datetime)
