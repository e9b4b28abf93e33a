"""Store → Settings: the sections of the settings hub, its forms and domain rows."""

from __future__ import annotations

from dataclasses import dataclass

import idna
from flask_babel import get_locale
from flask_babel import gettext as _

from webapp.framework.i18n import LANGUAGE_NAMES, country_choices
from webapp.modules.tenancy import services
from webapp.modules.tenancy.forms import (
    ActionForm,
    BusinessForm,
    CurrencyForm,
    DomainForm,
    GeneralSettingsForm,
    LanguagesForm,
    TimezoneForm,
)
from webapp.modules.tenancy.services import (
    Outcome,
)
from webapp.modules.tenancy.services.domains import MAX_DOMAINS
from webapp.modules.tenancy.services.verification import record_name

SETTINGS_PAGE = "tenancy/store/settings/index.html"
SETTINGS_PARTS = {name: f"tenancy/store/settings/_{name}.html"
                  for name in ("general", "languages", "currency", "timezone", "domains")}
SETTINGS_PARTS["business"] = "tenancy/store/business/_form.html"


def settings_sections() -> list[tuple[str, str]]:
    """The page's sub-navigation: (anchor, label) in the order the sections appear."""
    return [("general", _("General")), ("languages", _("Languages")), ("currency", _("Currency")),
            ("timezone", _("Time zone")), ("tax", _("Tax display")), ("business", _("Business details")),
            ("domains", _("Domains"))]


def general_form(store_id: int, *, submitted: bool = False) -> GeneralSettingsForm:
    # Prefixed: the business details section on the same page has fields of the same names.
    form = GeneralSettingsForm(prefix="general") if submitted else GeneralSettingsForm(
        prefix="general", formdata=None, obj=services.general_settings(store_id))
    form.country.choices = [("", _("Choose a country")), *country_choices()]
    return form


def languages_form(store_id: int, store, *, submitted: bool = False) -> LanguagesForm:
    form = LanguagesForm() if submitted else LanguagesForm(formdata=None, languages=list(store.languages),
                                                           default_language=store.default_language)
    choices = [(code, LANGUAGE_NAMES.get(code, code)) for code in services.platform_languages(store_id)]
    form.languages.choices = choices
    form.default_language.choices = choices
    return form


def currency_form(store, *, submitted: bool = False) -> CurrencyForm:
    form = CurrencyForm() if submitted else CurrencyForm(formdata=None, currency=store.currency)
    locale = get_locale()
    form.currency.choices = [(code, f"{code} · {locale.currencies.get(code, code)}") for code in services.CURRENCIES]
    return form


def timezone_form(store, *, submitted: bool = False) -> TimezoneForm:
    form = TimezoneForm() if submitted else TimezoneForm(formdata=None, timezone=store.timezone)
    form.timezone.choices = [(name, name.replace("_", " ")) for name in services.time_zones()]
    return form


def business_form(merchant_id: int | None = None) -> BusinessForm:
    """The business details form: as stored (with `merchant_id`) or as submitted."""
    form = BusinessForm() if merchant_id is None else BusinessForm(
        formdata=None, obj=services.business_details(merchant_id))
    form.country.choices = [("", _("Choose a country")), *country_choices()]  # no silent first country
    return form


@dataclass(frozen=True)
class DomainRow:
    id: int
    domain: str  # as typed by people (Unicode), the ASCII form below for DNS
    ascii: str
    verified: bool
    verified_at: object
    primary: bool
    record_name: str
    token: str


def _unicode(domain: str) -> str:
    try:
        return idna.decode(domain)
    except idna.IDNAError:
        return domain


def domain_rows(store_id: int) -> list[DomainRow]:
    return [DomainRow(d.id, _unicode(d.domain), d.domain, d.is_verified, d.verified_at, d.is_primary,
                      record_name(d.domain), d.verification_token) for d in services.store_domains(store_id)]


def domain_refusal(reason: str) -> str:
    return {
        "invalid": _("Enter a domain name such as shop.example.com (letters, digits and hyphens)."),
        "ip": _("Enter a domain name, not an IP address."),
        "platform": _("This is a domain of the platform; your store already has its address there."),
        "taken": _("This domain is already used by another store."),
        "added": _("You have already added this domain."),
        "limit": _("A store can have at most %(count)d domains. Remove one first.", count=MAX_DOMAINS),
    }.get(reason, _("This domain cannot be added."))


def verification_message(outcome: Outcome, domain: str) -> tuple[str, str]:
    """(kind, text) telling the merchant what the TXT lookup found."""
    texts = {
        Outcome.VERIFIED: ("success", _("%(domain)s is verified. You can make it your primary domain.",
                                        domain=domain)),
        Outcome.WRONG_TOKEN: ("error", _("The TXT record of %(domain)s holds another value. Copy the value shown "
                                         "below exactly.", domain=domain)),
        Outcome.NO_RECORD: ("error", _("No TXT record was found for %(domain)s yet. DNS changes can take up to a "
                                       "few hours to be visible; try again later.", domain=domain)),
        Outcome.TIMEOUT: ("error", _("The DNS lookup for %(domain)s timed out. Please try again in a moment.",
                                     domain=domain)),
        Outcome.FAILED: ("error", _("The DNS lookup for %(domain)s failed. Please try again in a moment.",
                                    domain=domain)),
    }
    return texts[outcome]


def settings_context(store, **overrides) -> dict:
    """Everything the settings page shows; `overrides` replaces a section's form (submitted, with errors)."""
    context = {
        "sections": settings_sections(),
        "general_form": general_form(store.id),
        "languages_form": languages_form(store.id, store),
        "currency_form": currency_form(store),
        "timezone_form": timezone_form(store),
        "form": business_form(store.merchant_id),
        "domain_form": DomainForm(formdata=None),
        "action_form": ActionForm(formdata=None),
        "domains": domain_rows(store.id),
        "cname_target": services.dns_targets(store.id),
        "messages": {},
    }
    context.update(overrides)
    return context
