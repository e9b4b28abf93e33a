"""A store's own settings: general details, languages, currency and time zone.

Each update validates everything first and changes nothing on a refusal (InvalidSettings names the
fields); it returns what changed (before, after) for the audit log and renews the storefront.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from functools import cache
from zoneinfo import available_timezones

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import select

from webapp.extensions import db
from webapp.framework.audit import changes
from webapp.modules.tenancy.exceptions import InvalidSettings, TenancyError
from webapp.modules.tenancy.models import Platform, Store
from webapp.modules.tenancy.services.directory import invalidate_after_commit

# Currencies the store can sell in: prices are amounts in the store's currency (no conversion), and
# Babel formats each of these; those of the European markets Orion serves, plus GBP and USD.
CURRENCIES = ("EUR", "CHF", "GBP", "USD", "DKK", "SEK", "NOK", "PLN", "CZK", "HUF", "RON")
GENERAL_LIMITS = {"name": 120, "contact_email": 254, "phone": 40, "street": 200, "postal_code": 20, "city": 100}
PHONE = re.compile(r"^\+?[0-9 ()./-]{4,40}$")


@dataclass(frozen=True)
class GeneralSettings:
    name: str
    contact_email: str = ""
    phone: str = ""
    street: str = ""
    postal_code: str = ""
    city: str = ""
    country: str = "LU"


@dataclass(frozen=True)
class Change:
    """The settings that changed, before and after (empty when the save changed nothing)."""

    before: dict
    after: dict


@cache
def time_zones() -> tuple[str, ...]:
    """Every IANA time zone name the system knows, sorted."""
    return tuple(sorted(available_timezones()))


def _store(store_id: int) -> Store:
    store = db.session.get(Store, store_id)
    if store is None:
        raise TenancyError(f"unknown store {store_id}")
    return store


def store_settings(store_id: int) -> Store:
    """The store row, as the settings page shows it."""
    return _store(store_id)


def _apply(store: Store, values: dict) -> Change:
    before = {name: getattr(store, name) for name in values}
    for name, value in values.items():
        setattr(store, name, value)
    db.session.flush()
    old, new = changes(before, values)
    if new:
        invalidate_after_commit()  # the tenant directory and the storefront pages show these
    return Change(old, new)


def general_settings(store_id: int) -> GeneralSettings:
    store = _store(store_id)
    return GeneralSettings(store.name, store.contact_email, store.phone, store.street, store.postal_code, store.city,
                           store.country)


def _clean_general(settings: GeneralSettings) -> dict:
    cleaned = {name: " ".join("".join(ch for ch in str(value or "") if ch.isprintable()).split())
               for name, value in asdict(settings).items()}
    cleaned["country"] = cleaned["country"].upper()
    errors = {name: "too long" for name, limit in GENERAL_LIMITS.items() if len(cleaned[name]) > limit}
    if not cleaned["name"]:
        errors["name"] = "required"
    if cleaned["contact_email"] and "contact_email" not in errors:
        try:
            cleaned["contact_email"] = validate_email(cleaned["contact_email"], check_deliverability=False).normalized
        except EmailNotValidError:
            errors["contact_email"] = "not an email address"
    if cleaned["phone"] and not PHONE.match(cleaned["phone"]):
        errors["phone"] = "not a phone number"
    if not re.fullmatch(r"[A-Z]{2}", cleaned["country"]):
        errors["country"] = "a two-letter country code"
    if errors:
        raise InvalidSettings(errors)
    return cleaned


def update_general(store_id: int, settings: GeneralSettings) -> Change:
    """Name, contact and address of the store (shown in the storefront's header and footer)."""
    return _apply(_store(store_id), _clean_general(settings))


def platform_languages(store_id: int) -> tuple[str, ...]:
    """The languages the store's platform offers (a store chooses among them)."""
    languages = db.session.scalar(select(Platform.languages).join(Store, Store.platform_id == Platform.id)
                                  .where(Store.id == store_id))
    return tuple(languages or ("en",))


def update_languages(store_id: int, languages, default: str) -> Change:
    """The languages the storefront is offered in, and the default one (which must be among them)."""
    offered = platform_languages(store_id)
    chosen = [code for code in offered if code in set(languages or ())]
    errors = {}
    if not chosen or len(chosen) != len(set(languages or ())):
        errors["languages"] = "choose among the platform's languages"
    if default not in chosen:
        errors["default_language"] = "the default language must be one of the enabled ones"
    if errors:
        raise InvalidSettings(errors)
    return _apply(_store(store_id), {"languages": chosen, "default_language": default})


def update_currency(store_id: int, currency: str) -> Change:
    """The currency prices are shown and charged in. Amounts are not converted: the view asks the merchant to
    confirm that; orders already placed keep the currency they were placed in."""
    if currency not in CURRENCIES:
        raise InvalidSettings({"currency": "not a supported currency"})
    return _apply(_store(store_id), {"currency": currency})


def update_timezone(store_id: int, timezone: str) -> Change:
    """The IANA time zone the store's dates are shown in."""
    if timezone not in time_zones():
        raise InvalidSettings({"timezone": "not a time zone"})
    return _apply(_store(store_id), {"timezone": timezone})
