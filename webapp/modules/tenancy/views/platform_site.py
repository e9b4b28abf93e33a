"""The platform site: its home page's stores and the merchant signup."""

from __future__ import annotations

from dataclasses import dataclass

from flask import url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from webapp.framework.i18n import LANGUAGE_NAMES, country_choices
from webapp.modules.tenancy import services
from webapp.modules.tenancy.services import (
    open_stores,
)
from webapp.modules.tenancy.views.accounts import password_message


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
    form.country.choices = [("", _("Choose a country")), *country_choices()]
    languages = [(code, LANGUAGE_NAMES.get(code, code)) for code in platform.languages]
    form.languages.choices = languages
    form.default_language.choices = languages
    names = get_locale().currencies
    form.currency.choices = [(code, f"{names.get(code, code)} ({code})") for code in services.CURRENCIES]


@dataclass(frozen=True)
class CodeMessage:
    status: str
    text: str
    suggestion: str = ""


def code_message(check) -> CodeMessage:
    """What the signup page says about a store code the visitor typed."""
    texts = {
        "available": _("%(code)s is available.", code=check.code),
        "taken": _("%(code)s is already taken.", code=check.code),
        "reserved": _("%(code)s is reserved by the platform.", code=check.code),
        "invalid": _("Use 3 to 30 lowercase letters, digits or hyphens, not starting or ending with a hyphen."),
    }
    return CodeMessage(check.status, texts[check.status], check.suggestion)


def signup_refusals(fields: dict[str, str]) -> dict[str, str]:
    """Messages for the fields the signup service refused (after the form's own checks passed)."""
    messages = {
        ("email", "taken"): _("An account with this email exists already. Sign in instead."),
        ("store_code", "taken"): _("This shop address is taken: choose another one."),
        ("store_code", "reserved"): _("This shop address is reserved: choose another one."),
        ("store_code", "invalid"): _("Use 3 to 30 lowercase letters, digits or hyphens, not starting or "
                                           "ending with a hyphen."),
        ("vat_number", "not a VAT number"): _("Enter a VAT number with its country prefix, e.g. LU12345678."),
        ("languages", "unknown"): _("Choose languages this platform offers."),
        ("default_language", "unknown"): _("Choose one of the shop's languages."),
        ("currency", "unknown"): _("Choose one of the currencies offered."),
    }
    return {name: password_message(reason) if name == "password" else
            messages.get((name, reason), _("Please check this value.")) for name, reason in fields.items()}


SIGNUP_EMAIL_KEY = "tenancy.signup_email"  # session: the address the "check your inbox" page names


def verification_url(platform_code: str, token: str) -> str:
    """The emailed link that confirms an owner's address (absolute, on the host the visitor uses)."""
    return url_for("tenancy_platform.verify_show", platform_code=platform_code, token=token, _external=True)
