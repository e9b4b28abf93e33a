"""Forms of the customers module (storefront account pages and the merchant's customer pages)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional, Regexp

from webapp.framework.auth.passwords import MIN_LENGTH
from webapp.framework.list_filters import bounded


def clean(value):
    """Trim, and drop NUL characters (PostgreSQL refuses them in text)."""
    return value.replace("\x00", "").strip() if isinstance(value, str) else value


PHONE = Regexp(r"^[0-9+()./ -]*$", message=_l("Use digits, spaces and + ( ) - . / only."))


def _email():
    return EmailField(_l("Email"), validators=[DataRequired(), Length(max=254), Email()], filters=[clean])


def _new_password(label):
    # Length and common-password checks are the service's (one policy for every realm).
    return PasswordField(label, validators=[DataRequired(), Length(max=512)],
                         description=_l("At least %(num)d characters. Avoid common passwords.", num=MIN_LENGTH))


def _confirm(label=_l("Repeat the new password")):
    return PasswordField(label, validators=[DataRequired(), EqualTo("password", message=_l("The passwords differ."))])


class RegisterForm(FlaskForm):
    first_name = StringField(_l("First name"), validators=[DataRequired(), Length(max=100)], filters=[clean])
    last_name = StringField(_l("Last name"), validators=[DataRequired(), Length(max=100)], filters=[clean])
    email = _email()
    password = _new_password(_l("Password"))
    password_confirm = _confirm(_l("Repeat the password"))
    accepts_marketing = BooleanField(_l("Send me news and offers by email"))


class LoginForm(FlaskForm):
    # No format check at sign-in: an unknown address simply fails like a wrong password.
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)], filters=[clean])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=512)])


class ForgotPasswordForm(FlaskForm):
    email = _email()


class ResetPasswordForm(FlaskForm):
    password = _new_password(_l("New password"))
    password_confirm = _confirm()


class ProfileForm(FlaskForm):
    first_name = StringField(_l("First name"), validators=[DataRequired(), Length(max=100)], filters=[clean])
    last_name = StringField(_l("Last name"), validators=[DataRequired(), Length(max=100)], filters=[clean])
    phone = StringField(_l("Phone"), validators=[Optional(), Length(max=40), PHONE], filters=[clean])
    locale = SelectField(_l("Language for emails"), choices=[], validate_choice=True)
    accepts_marketing = BooleanField(_l("Send me news and offers by email"))


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(_l("Current password"), validators=[DataRequired(), Length(max=512)])
    password = _new_password(_l("New password"))
    password_confirm = _confirm()


class AddressForm(FlaskForm):
    full_name = StringField(_l("Full name"), validators=[DataRequired(), Length(max=200)], filters=[clean])
    street = StringField(_l("Street and number"), validators=[DataRequired(), Length(max=200)], filters=[clean])
    postal_code = StringField(_l("Postal code"), validators=[DataRequired(), Length(max=20)], filters=[clean])
    city = StringField(_l("City"), validators=[DataRequired(), Length(max=100)], filters=[clean])
    country = SelectField(_l("Country"), choices=[], validators=[DataRequired()], validate_choice=True)
    phone = StringField(_l("Phone"), validators=[Optional(), Length(max=40), PHONE], filters=[clean])
    is_default = BooleanField(_l("Use as my default address"))


class DeleteAccountForm(FlaskForm):
    password = PasswordField(_l("Your password"), validators=[DataRequired(), Length(max=512)])
    confirm = BooleanField(_l("I understand that my account and addresses are deleted for good."),
                           validators=[DataRequired(message=_l("Please confirm."))])


class CustomerEditForm(FlaskForm):
    """The merchant's edit form."""

    first_name = StringField(_l("First name"), validators=[Optional(), Length(max=100)], filters=[clean, bounded()])
    last_name = StringField(_l("Last name"), validators=[Optional(), Length(max=100)], filters=[clean])
    email = _email()
    phone = StringField(_l("Phone"), validators=[Optional(), Length(max=40), PHONE], filters=[clean])
    accepts_marketing = BooleanField(_l("Accepts marketing emails"))


class CustomerSearchForm(FlaskForm):
    class Meta:
        csrf = False  # a GET filter form: nothing changes

    q = StringField(_l("Search"), validators=[Optional(), Length(max=100)], filters=[clean])
    segment = SelectField(_l("Segment"), choices=[SelectChoice(code) for code in ("all", "new", "returning", "top")],
                          default="all", validate_choice=True)
