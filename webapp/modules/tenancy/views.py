"""View models for tenancy pages and the context tenancy gives other modules' pages: what templates
show, computed here rather than in Jinja."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, url_for
from flask_babel import get_locale, gettext

from webapp.framework.i18n import LANGUAGE_NAMES, country_choices
from webapp.modules.tenancy.services import SIGNUP_CURRENCIES, open_stores


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


def signup_choices(form, platform) -> None:
    """Fill the signup form's choices: countries, the platform's languages, the currencies offered."""
    form.country.choices = [("", gettext("Choose a country")), *country_choices()]
    languages = [(code, LANGUAGE_NAMES.get(code, code)) for code in platform.languages]
    form.languages.choices = languages
    form.default_language.choices = languages
    names = get_locale().currencies
    form.currency.choices = [(code, f"{names.get(code, code)} ({code})") for code in SIGNUP_CURRENCIES]


@dataclass(frozen=True)
class CodeMessage:
    status: str
    text: str
    suggestion: str = ""


def code_message(check) -> CodeMessage:
    """What the signup page says about a store code the visitor typed."""
    texts = {
        "available": gettext("%(code)s is available.", code=check.code),
        "taken": gettext("%(code)s is already taken.", code=check.code),
        "reserved": gettext("%(code)s is reserved by the platform.", code=check.code),
        "invalid": gettext("Use 3 to 30 lowercase letters, digits or hyphens, not starting or ending with a hyphen."),
    }
    return CodeMessage(check.status, texts[check.status], check.suggestion)


def signup_refusals(fields: dict[str, str]) -> dict[str, str]:
    """Messages for the fields the signup service refused (after the form's own checks passed)."""
    messages = {
        ("email", "taken"): gettext("An account with this email exists already. Sign in instead."),
        ("store_code", "taken"): gettext("This shop address is taken: choose another one."),
        ("store_code", "reserved"): gettext("This shop address is reserved: choose another one."),
        ("store_code", "invalid"): gettext("Use 3 to 30 lowercase letters, digits or hyphens, not starting or "
                                           "ending with a hyphen."),
        ("vat_number", "not a VAT number"): gettext("Enter a VAT number with its country prefix, e.g. LU12345678."),
        ("languages", "unknown"): gettext("Choose languages this platform offers."),
        ("default_language", "unknown"): gettext("Choose one of the shop's languages."),
        ("currency", "unknown"): gettext("Choose one of the currencies offered."),
        ("password", "too_short"): gettext("Use at least 10 characters."),
        ("password", "too_common"): gettext("This password is too common: choose another one."),
    }
    return {name: messages.get((name, reason), gettext("Please check this value.")) for name, reason in fields.items()}


SIGNUP_EMAIL_KEY = "tenancy.signup_email"  # session: the address the "check your inbox" page names


def verification_url(platform_code: str, token: str) -> str:
    """The emailed link that confirms an owner's address (absolute, on the host the visitor uses)."""
    return url_for("tenancy_platform.verify_show", platform_code=platform_code, token=token, _external=True)
