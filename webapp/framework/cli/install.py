"""`flask orion init` and `flask orion create-user`: a production install from an empty database.

Every value comes from a flag, an environment variable or, when stdin is a terminal, a prompt.
Non-interactive runs (docker, scripts) never wait for input: a missing value is an error naming
the flag and the variable to set. Both commands are safe to repeat (see the installer port).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass

import click
from email_validator import EmailNotValidError, validate_email
from flask import current_app
from sqlalchemy.exc import IntegrityError

from webapp.extensions import db
from webapp.framework.audit import audit
from webapp.framework.auth.passwords import MIN_LENGTH, password_problem
from webapp.framework.errors import OrionError
from webapp.framework.ports import get_port

PLATFORM_CODE = re.compile(r"^[a-z][a-z0-9-]{1,39}$")
DOMAIN_LABEL = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")


# ---- validators: each returns the cleaned value or raises click.BadParameter -------------------

def clean_code(value: str) -> str:
    value = value.strip().lower()
    if not PLATFORM_CODE.match(value):
        raise click.BadParameter(f"{value!r}: 2-40 characters, lowercase letters, digits or '-', "
                                 "starting with a letter")
    return value


def clean_domain(value: str) -> str:
    value = value.strip().lower().rstrip(".")
    labels = value.split(".")
    if len(value) > 253 or len(labels) < 2 or not all(DOMAIN_LABEL.match(label) for label in labels):
        raise click.BadParameter(f"{value!r} is not a host name such as shop.example.com "
                                 "(no scheme, port or path)")
    return value


def clean_languages(value: str) -> tuple[str, ...]:
    supported = current_app.config["LANGUAGES"]
    languages = tuple(dict.fromkeys(code.strip().lower() for code in value.split(",") if code.strip()))
    unknown = [code for code in languages if code not in supported]
    if not languages or unknown:
        raise click.BadParameter(f"{', '.join(unknown) or 'none given'}: choose among {', '.join(supported)} "
                                 "(comma-separated)")
    return languages


def clean_email(value: str) -> str:
    try:
        return validate_email(value.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError as error:
        raise click.BadParameter(f"{value!r}: {error}") from None


def clean_password(value: str) -> str:
    problem = password_problem(value)
    if problem == "too_short":
        raise click.BadParameter(f"too short: use at least {MIN_LENGTH} characters")
    if problem:
        raise click.BadParameter("too common: choose a password that is not on the list of common passwords")
    return value


def clean_name(value: str) -> str:
    value = value.strip()
    if not value or len(value) > 120:
        raise click.BadParameter("give 1 to 120 characters")
    return value


# ---- values from flags, environment or prompt -------------------------------------------------

@dataclass(frozen=True)
class Field:
    name: str  # the click parameter name
    flag: str
    envvar: str
    label: str
    clean: Callable[[str], object]
    secret: bool = False
    default: Callable[[dict], str | None] | None = None  # from the values resolved before it


def interactive() -> bool:
    return sys.stdin.isatty()


def resolve(fields: list[Field], given: dict) -> dict:
    """Clean every given value, ask for missing ones on a terminal, refuse them otherwise."""
    values, missing = {}, []
    for field in fields:
        raw = given.get(field.name)
        if raw is None or raw == "":
            default = field.default(values) if field.default else None
            if interactive():
                values[field.name] = _prompt(field, default)
                continue
            if default is None:
                missing.append(field)
                continue
            raw = default
        try:
            values[field.name] = field.clean(raw)
        except click.BadParameter as error:
            raise click.BadParameter(error.message, param_hint=f"{field.flag} / {field.envvar}") from None
    if missing:
        raise click.UsageError("missing " + "; ".join(f"{f.label} ({f.flag} or {f.envvar})" for f in missing)
                               + ". Nothing was changed.")
    return values


def _prompt(field: Field, default: str | None):
    # A value_proc that raises BadParameter makes click show the message and ask again.
    return click.prompt(field.label, default=default, hide_input=field.secret,
                        confirmation_prompt=field.secret, value_proc=field.clean, show_default=not field.secret)


def _first_language(values: dict) -> str | None:
    languages = values.get("languages")
    return languages[0] if languages else None


def _check_default_language(values: dict) -> None:
    if values["default_language"] not in values["languages"]:
        raise click.BadParameter(f"{values['default_language']!r} is not one of the platform's languages "
                                 f"({', '.join(values['languages'])})", param_hint="--default-language")


INIT_FIELDS = [
    Field("platform_code", "--platform-code", "ORION_PLATFORM_CODE", "Platform code (in URLs)", clean_code),
    Field("platform_name", "--platform-name", "ORION_PLATFORM_NAME", "Platform name", clean_name,
          default=lambda values: values["platform_code"].replace("-", " ").title() if "platform_code" in values
          else None),
    Field("domain", "--domain", "ORION_PLATFORM_DOMAIN", "Platform domain", clean_domain),
    Field("languages", "--languages", "ORION_PLATFORM_LANGUAGES", "Languages (comma-separated)", clean_languages,
          default=lambda values: "en"),
    Field("default_language", "--default-language", "ORION_PLATFORM_DEFAULT_LANGUAGE", "Default language",
          lambda value: value.strip().lower(), default=_first_language),
    Field("admin_email", "--admin-email", "ORION_ADMIN_EMAIL", "Super admin email", clean_email),
    Field("admin_name", "--admin-name", "ORION_ADMIN_NAME", "Super admin name", clean_name,
          default=lambda values: "Administrator"),
    Field("admin_password", "--admin-password", "ORION_ADMIN_PASSWORD", "Super admin password", clean_password,
          secret=True),
]


def _options(fields: list[Field]):
    def decorate(command):
        for field in reversed(fields):
            command = click.option(field.flag, field.name, envvar=field.envvar, default=None,
                                   help=f"{field.label} [env {field.envvar}]")(command)
        return command
    return decorate


@click.command("init")
@_options(INIT_FIELDS)
def init_command(**given):
    """Create the first platform and its super admin (safe to run again: it changes nothing)."""
    values = resolve(INIT_FIELDS, given)
    _check_default_language(values)
    installer = get_port("installer")
    try:
        platform = installer.install_platform(values["platform_code"], values["platform_name"],
                                              domain=values["domain"], languages=values["languages"],
                                              default_language=values["default_language"])
        admin = installer.install_super_admin(values["admin_email"], values["admin_password"],
                                              name=values["admin_name"])
        _audit_init(values, platform, admin)
        db.session.commit()
    except OrionError as error:
        db.session.rollback()
        raise click.ClickException(f"{error.message}. Nothing was changed.") from None
    except IntegrityError:
        # Two installs at once (several web containers booting): the other one won; a rerun agrees.
        db.session.rollback()
        raise click.ClickException("another `flask orion init` wrote the same platform or admin at the same "
                                   "time. Nothing was changed by this run; run it again.") from None
    _report_init(values, platform, admin)


def _audit_init(values: dict, platform, admin) -> None:
    # No one is signed in during an install: the entries say so with actor_id=None.
    if platform.created:
        audit("tenancy.platform.created", target_type="platform", target_id=platform.id, actor_id=None,
              platform_id=platform.id, store_id=None,
              after={"code": values["platform_code"], "name": values["platform_name"], "domain": values["domain"],
                     "languages": list(values["languages"]), "default_language": values["default_language"]},
              details={"via": "flask orion init"})
    if admin.created:
        audit("tenancy.user.created", target_type="user", target_id=admin.id, actor_id=None, platform_id=None,
              store_id=None, after={"email": values["admin_email"], "role": "super_admin"},
              details={"via": "flask orion init"})


def _report_init(values: dict, platform, admin) -> None:
    code, email = values["platform_code"], values["admin_email"]
    click.echo(f"Platform {code}: " + ("created." if platform.created else "already exists, unchanged.")
               + (f" ({platform.note})" if platform.note else ""))
    if admin.created:
        click.echo(f"Super admin {email}: created.")
    elif admin.note:
        click.echo(f"Super admin {email}: not created, {admin.note}.")
    else:
        click.echo(f"Super admin {email}: already exists, unchanged (its password was not changed).")
    if not platform.created and not admin.created:
        click.echo("Nothing changed: Orion is already installed.")
    click.echo(f"Sign in at https://{values['domain']}/auth/login")


# ---- later platform staff --------------------------------------------------------------------

USER_FIELDS = [
    Field("email", "--email", "ORION_USER_EMAIL", "Email", clean_email),
    Field("name", "--name", "ORION_USER_NAME", "Name", clean_name),
    Field("password", "--password", "ORION_USER_PASSWORD", "Password", clean_password, secret=True),
]


@click.command("create-user")
@_options(USER_FIELDS)
@click.option("--role", required=True, type=click.Choice(["super_admin", "platform_admin", "translator"]),
              help="super_admin: everything; platform_admin: one platform (--platform); translator: translations.")
@click.option("--platform", "platform_code", default=None, envvar="ORION_USER_PLATFORM",
              help="Platform code a platform admin manages [env ORION_USER_PLATFORM]")
def create_user_command(role, platform_code, **given):
    """Add a platform staff account (an existing email is refused)."""
    values = resolve(USER_FIELDS, given)
    try:
        user = get_port("installer").create_staff_user(values["email"], values["password"], name=values["name"],
                                                       role=role, platform_code=platform_code)
        audit("tenancy.user.created", target_type="user", target_id=user.id, actor_id=None,
              platform_id=min(user.platform_ids, default=None), store_id=None,
              after={"email": user.email, "role": role, "platform": platform_code},
              details={"via": "flask orion create-user"})
        db.session.commit()
    except OrionError as error:
        db.session.rollback()
        raise click.ClickException(f"{error.message}. Nothing was changed.") from None
    where = f" of platform {platform_code}" if platform_code else ""
    click.echo(f"User {user.email} created: {role.replace('_', ' ')}{where}.")
