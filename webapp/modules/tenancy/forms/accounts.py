"""Staff accounts: invitation password, forgotten password, profile, two-factor sign-in."""


from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    EmailField,
    PasswordField,
    SelectField,
    StringField,
)
from wtforms.validators import DataRequired, EqualTo, Length

from webapp.framework.auth.passwords import MIN_LENGTH
from webapp.modules.tenancy.forms.fields import (
    no_control_characters,
)


class AcceptInvitationForm(FlaskForm):
    password = PasswordField(_l("Choose a password"), validators=[DataRequired(), Length(max=512)],
                             description=_l("At least %(num)d characters. Avoid common passwords.", num=MIN_LENGTH))
    confirm = PasswordField(_l("Repeat the password"),
                            validators=[DataRequired(), EqualTo("password", message=_l("The passwords differ."))])


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
