"""Validators, filters and messages the tenancy forms share."""

import re

from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l
from wtforms.validators import Regexp, ValidationError

from webapp.framework.auth.passwords import MIN_LENGTH, password_problem

_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def no_control_characters(_form, field) -> None:
    """Refuse NUL and the other control characters (PostgreSQL cannot store NUL; no name has one)."""
    if isinstance(field.data, str) and _CONTROLS.search(field.data):
        raise ValidationError(_l("Remove the invisible control characters."))


PASSWORD_PROBLEMS = {"too_short": _l("Use at least %(num)d characters.", num=MIN_LENGTH),
                     "too_common": _l("This password is too common. Choose one that is harder to guess.")}


def clean_text(value):
    """Trim, and drop NUL characters (PostgreSQL refuses them in text)."""
    return value.replace("\x00", "").strip() if isinstance(value, str) else value


def valid_email(_form, field) -> None:
    # test_environment: the demo and test teams use reserved `.test` addresses.
    try:
        validate_email(field.data or "", check_deliverability=False, test_environment=True)
    except EmailNotValidError:
        raise ValidationError(_l("Enter a valid email address.")) from None


def strong_password(_form, field) -> None:
    """The password policy, checked in the form so the page answers before any service is called."""
    problem = password_problem(field.data or "")
    if problem is not None:
        raise ValidationError(PASSWORD_PROBLEMS.get(problem, PASSWORD_PROBLEMS["too_short"]))


# The shape of an address only: staff of development and demo set-ups use reserved domains (`.test`).
EMAIL = Regexp(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", message=_l("Enter an email address such as name@example.com."))


HEX = Regexp(r"^(#[0-9a-fA-F]{6})?$", message=_l("Use a hex colour such as #1d4ed8."))


CODE = Regexp(r"^[a-z0-9-]*$", message=_l("Use lowercase letters, digits and hyphens only."))
