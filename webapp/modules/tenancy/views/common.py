"""Labels, choices and problem messages the tenancy pages share, and the admin's module rows."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from webapp.framework.i18n import language_choices
from webapp.modules.tenancy import services


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


STORE_STATUS_LABELS = {"pending": _l("Awaiting approval"), "active": _l("Active"), "suspended": _l("Suspended"),
                       "paused": _l("Paused (subscription)")}
STORE_STATUS_BADGES = {"pending": "warning", "active": "success", "suspended": "danger", "paused": "warning"}
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
