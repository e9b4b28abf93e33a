"""Forms of the tenancy module."""

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError

from webapp.framework.list_filters import bounded
from webapp.modules.tenancy.services.merchants import VAT_NUMBER, BusinessDetails, normalise_vat_number

_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def no_control_characters(_form, field) -> None:
    """Refuse NUL and the other control characters (PostgreSQL cannot store NUL; no name has one)."""
    if isinstance(field.data, str) and _CONTROLS.search(field.data):
        raise ValidationError(_l("Remove the invisible control characters."))


class LoginForm(FlaskForm):
    # No format check at sign-in: an unknown address simply fails like a wrong password.
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254), no_control_characters])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=512)])
    remember = BooleanField(_l("Keep me signed in"))


class SearchForm(FlaskForm):
    class Meta:
        csrf = False  # a GET filter form: nothing changes

    q = StringField(_l("Search"), validators=[Length(max=100)], filters=[bounded()])


class BusinessForm(FlaskForm):
    """The merchant's legal identity, as invoices show it. Country choices are set by the view."""

    legal_name = StringField(_l("Legal name"), validators=[DataRequired(), Length(max=200)])
    vat_number = StringField(_l("VAT number"), validators=[Length(max=32)],
                             description=_l("With the country prefix, e.g. LU12345678. Leave empty if you have none."))
    street = StringField(_l("Street and number"), validators=[Length(max=200)])
    postal_code = StringField(_l("Postal code"), validators=[Length(max=20)])
    city = StringField(_l("City"), validators=[Length(max=100)])
    country = SelectField(_l("Country"), validators=[DataRequired()])

    def validate_vat_number(self, field) -> None:
        if field.data and not VAT_NUMBER.match(normalise_vat_number(field.data)):
            raise ValidationError(_l("Enter a VAT number with its country prefix, e.g. LU12345678."))

    def details(self) -> BusinessDetails:
        return BusinessDetails(self.legal_name.data or "", self.vat_number.data or "", self.street.data or "",
                               self.postal_code.data or "", self.city.data or "", self.country.data or "")


class ForgotPasswordForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254), no_control_characters])


class ResetPasswordForm(FlaskForm):
    password = PasswordField(_l("New password"), validators=[DataRequired(), Length(max=512)])
    confirm = PasswordField(_l("Repeat the new password"),
                            validators=[DataRequired(), EqualTo("password", message=_l("The passwords differ."))])


class ProfileForm(FlaskForm):
    """Name and preferred language; language choices are set by the view."""

    name = StringField(_l("Name"), validators=[Length(max=120), no_control_characters])
    locale = SelectField(_l("Language"), validate_choice=True,
                         description=_l("The dashboards are shown in this language."))


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(_l("Current password"), validators=[DataRequired(), Length(max=512)])
    password = PasswordField(_l("New password"), validators=[DataRequired(), Length(max=512)])
    confirm = PasswordField(_l("Repeat the new password"),
                            validators=[DataRequired(), EqualTo("password", message=_l("The passwords differ."))])


class SecondFactorForm(FlaskForm):
    """The sign-in step after the password: a code from the app, or a recovery code."""

    code = StringField(_l("Authentication code"), validators=[DataRequired(), Length(max=20)],
                       description=_l("The 6-digit code from your authenticator app, or one of your recovery codes."))


class EnableTwoFactorForm(FlaskForm):
    code = StringField(_l("Code from the app"), validators=[DataRequired(), Length(max=20)])


class DisableTwoFactorForm(FlaskForm):
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=512)])
    code = StringField(_l("Authentication code or recovery code"), validators=[DataRequired(), Length(max=20)])


class RegenerateCodesForm(FlaskForm):
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=512)])


class StartTwoFactorForm(FlaskForm):
    """Only the CSRF token: starting the set-up creates a secret, so it is a POST."""
