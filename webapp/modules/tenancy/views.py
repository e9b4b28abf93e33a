"""View models for tenancy pages and the context tenancy gives other modules' pages: what templates
show, computed here rather than in Jinja."""

from __future__ import annotations

from dataclasses import dataclass

import idna
import segno
from flask import current_app, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from webapp.framework.i18n import LANGUAGE_NAMES, country_choices, language_choices
from webapp.modules.tenancy import services
from webapp.modules.tenancy.forms import (
    PASSWORD_PROBLEMS,
    ActionForm,
    BusinessForm,
    CurrencyForm,
    DomainForm,
    GeneralSettingsForm,
    LanguagesForm,
    TimezoneForm,
)
from webapp.modules.tenancy.models import CUSTOM_ROLE
from webapp.modules.tenancy.services import (
    Outcome,
    RoleChoice,
    open_stores,
    pending_secret,
    provisioning_uri,
    unused_recovery_codes,
)
from webapp.modules.tenancy.services.domains import MAX_DOMAINS
from webapp.modules.tenancy.services.verification import record_name


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


# What the admin forms say for each problem code a service reports (InvalidFields).
PROBLEMS = {
    "taken": _l("This is already taken."),
    "reserved": _l("This word is reserved for the platform; choose another."),
    "characters": _l("Use lowercase letters, digits and single hyphens; start and end with a letter or digit."),
    "length": _l("Use between 3 and 40 characters."),
    "domain": _l("Enter a host name such as shop.example."),
    "unknown": _l("Choose from the list."),
    "colour": _l("Use a hex colour such as #1d4ed8."),
    "contrast": _l("White text is hard to read on this colour; choose a darker one."),
    "not_allowed": _l("You may not grant this."),
    "invalid": _l("Please check this value."),
}


STORE_STATUS_LABELS = {"pending": _l("Awaiting approval"), "active": _l("Active"), "suspended": _l("Suspended")}
STORE_STATUS_BADGES = {"pending": "warning", "active": "success", "suspended": "danger"}
ROLE_LABELS = {"super_admin": _l("Super admin"), "platform_admin": _l("Platform admin"),
               "translator": _l("Translator")}
STORE_ROLE_LABELS = {"owner": _l("Owner"), "manager": _l("Manager"), "staff": _l("Staff")}


def show_problems(form, problems: dict[str, str], fields: dict[str, str] | None = None) -> None:
    """Put each service problem on its form field (`fields` renames service fields to form fields)."""
    for name, problem in problems.items():
        field = getattr(form, (fields or {}).get(name, name), None)
        message = str(PROBLEMS.get(problem, PROBLEMS["invalid"]))
        if field is None:
            form.form_errors.append(message)
        else:
            field.errors = [*field.errors, message]


def app_language_choices() -> list[tuple[str, str]]:
    return [(code, name) for code, name in language_choices() if code in current_app.config["LANGUAGES"]]


def platform_language_choices(platform) -> list[tuple[str, str]]:
    names = dict(language_choices())
    return [(code, names.get(code, code)) for code in (platform.languages or ())]


def currency_choices() -> list[tuple[str, str]]:
    names = get_locale().currencies
    return [(code, f"{code} · {names.get(code, code)}") for code in services.CURRENCIES]


def staff_role_choices(*, may_grant_super_admin: bool) -> list[tuple[str, str]]:
    roles = ROLE_LABELS if may_grant_super_admin else {k: v for k, v in ROLE_LABELS.items() if k != "super_admin"}
    return [(code, str(label)) for code, label in roles.items()]


def staff_invitation_problem(reason: str) -> str:
    return {"expired": _("This invitation has expired. Ask the person who invited you for a new one."),
            "used": _("This invitation has already been used. Sign in with the password you chose.")
            }.get(reason, _("This invitation link is not valid."))


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


# --- Store → Settings -----------------------------------------------------------------------------

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


# --- Signup -------------------------------------------------------------------------------------

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
        ("password", "too_short"): _("Use at least 10 characters."),
        ("password", "too_common"): _("This password is too common: choose another one."),
    }
    return {name: messages.get((name, reason), _("Please check this value.")) for name, reason in fields.items()}


SIGNUP_EMAIL_KEY = "tenancy.signup_email"  # session: the address the "check your inbox" page names


def verification_url(platform_code: str, token: str) -> str:
    """The emailed link that confirms an owner's address (absolute, on the host the visitor uses)."""
    return url_for("tenancy_platform.verify_show", platform_code=platform_code, token=token, _external=True)


# --- Store team: members, invitations, roles -----------------------------------------------------

def builtin_role_labels() -> dict[str, str]:
    return {"owner": _("Owner"), "manager": _("Manager"), "staff": _("Staff")}


def role_label(role: str, custom_role) -> str:
    if role == CUSTOM_ROLE:
        return custom_role.name if custom_role is not None else _("Staff")
    return builtin_role_labels().get(role, role)


def role_choices(store_id: int, *, with_owner: bool) -> list[tuple[str, str]]:
    """Built-in roles (the owner role only for owners), then the store's custom roles."""
    choices = [(name, label) for name, label in builtin_role_labels().items() if with_owner or name != "owner"]
    return choices + [(RoleChoice(CUSTOM_ROLE, role.id).value, role.name) for role in services.store_roles(store_id)]


@dataclass(frozen=True)
class MemberRow:
    id: int
    name: str
    email: str
    role: str
    role_value: str
    since: object
    is_self: bool
    is_owner: bool


@dataclass(frozen=True)
class InvitationRow:
    id: int
    email: str
    role: str
    sent_at: object
    expires_at: object
    expired: bool


def member_rows(memberships, *, actor_id: int) -> list[MemberRow]:
    return [MemberRow(m.id, m.user.name or "", m.user.email, role_label(m.role, m.custom_role),
                      RoleChoice(m.role, m.custom_role_id).value, m.created_at, m.user_id == actor_id,
                      m.role == "owner") for m in memberships]


def invitation_rows(invitations) -> list[InvitationRow]:
    return [InvitationRow(i.id, i.email, role_label(i.role, i.custom_role), i.sent_at, i.expires_at,
                          services.is_expired(i)) for i in invitations]


def team_refusal(reason: str, **details) -> str:
    """Why a team change was refused, as the user reads it."""
    messages = {
        "last_owner": _("A store always needs an owner: make someone else owner first."),
        "self_change": _("You cannot change your own role or remove yourself. Ask another owner."),
        "owner_only": _("Only an owner can give or take the owner role or transfer ownership."),
        "beyond_own_permissions": _("You cannot give permissions you do not have yourself."),
        "unknown_role": _("Choose one of the roles in the list."),
        "already_member": _("This person is already on the team."),
        "already_invited": _("This person already has a pending invitation. Resend it from the list instead."),
        "role_in_use": _("This role cannot be deleted while %(members)s member(s) and %(invitations)s pending "
                         "invitation(s) use it. Give them another role first.",
                         members=details.get("members", 0), invitations=details.get("invitations", 0)),
        "role_name_invalid": _("Enter a name of at most 60 characters."),
        "role_name_builtin": _("Owner, Manager and Staff are built-in roles: choose another name."),
        "role_name_taken": _("This store already has a role with this name."),
        "role_empty": _("Choose at least one permission."),
        "role_permission_unknown": _("Choose permissions from the list only."),
        "wrong_account": _("This invitation is for another email address."),
        "account_exists": _("An account with this email already exists: sign in to accept."),
    }
    return messages.get(reason, _("This change is not possible."))


def invitation_problem(reason: str) -> tuple[str, str]:
    """Title and text of the page a link that cannot be used shows."""
    problems = {
        "tampered": (_("This link is not valid"), _("The invitation link is incomplete or was changed. Open the "
                                                    "link from the email again, or ask for a new invitation.")),
        "expired": (_("This invitation has expired"), _("Ask the person who invited you to send a new one.")),
        "replaced": (_("A newer invitation was sent"), _("Use the link in the most recent invitation email.")),
        "used": (_("This invitation was already accepted"), _("Sign in to open the store.")),
        "revoked": (_("This invitation was withdrawn"), _("Ask the store's owner if you should still join.")),
    }
    return problems.get(reason, problems["tampered"])


@dataclass(frozen=True)
class PermissionOption:
    id: str
    label: str
    description: str
    checked: bool


@dataclass(frozen=True)
class PermissionSection:
    module: str
    name: str
    options: tuple[PermissionOption, ...]


def permission_sections(groups, chosen) -> list[PermissionSection]:
    """The role editor's checkboxes, one fieldset per module."""
    chosen = set(chosen or ())
    return [PermissionSection(g.module, g.name, tuple(
        PermissionOption(p.id, str(p.label), str(p.description or ""), p.id in chosen) for p in g.permissions))
        for g in groups]


def permission_choices(groups) -> list[tuple[str, str]]:
    return [(p.id, str(p.label)) for g in groups for p in g.permissions]


def permission_labels(permission_ids) -> list[str]:
    known = current_app.extensions["orion.modules"].permissions
    return [str(known[p].label) for p in permission_ids or () if p in known]


@dataclass(frozen=True)
class RoleRow:
    id: int
    name: str
    permissions: tuple[str, ...]
    members: int


def role_rows(roles, usage: dict[int, int]) -> list[RoleRow]:
    return [RoleRow(r.id, r.name, tuple(permission_labels(r.permissions)), usage.get(r.id, 0)) for r in roles]


# ---- staff accounts ----------------------------------------------------------------------------

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
