"""Store → Team: invitations, member roles, ownership, custom roles, accepting an invitation."""


from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.validators import DataRequired, EqualTo, Length

from webapp.modules.tenancy.forms.fields import clean_text, strong_password, valid_email


class InviteForm(FlaskForm):
    """Invite someone to the store's team. Role choices are set by the view."""

    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254), valid_email], filters=[clean_text])
    role = SelectField(_l("Role"), validators=[DataRequired()])


class MemberRoleForm(FlaskForm):
    """A member's new role. Choices are set by the view."""

    role = SelectField(_l("Role"), validators=[DataRequired()])


class TransferOwnershipForm(FlaskForm):
    """Hand the store to another member. Member choices are set by the view."""

    member = SelectField(_l("New owner"), validators=[DataRequired()])
    confirm = BooleanField(_l("I understand that I will become a manager of this store."),
                           validators=[DataRequired(message=_l("Tick this box to confirm the transfer."))])


class RoleForm(FlaskForm):
    """A custom role: a name and module permissions (choices set by the view, grouped there)."""

    name = StringField(_l("Role name"), validators=[DataRequired(), Length(max=60)], filters=[clean_text])
    permissions = SelectMultipleField(_l("Permissions"),
                                      validators=[DataRequired(message=_l("Choose at least one permission."))])


class InvitationSignUpForm(FlaskForm):
    """Create an account to accept an invitation (the email is the invited one)."""

    name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=120)], filters=[clean_text])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=512), strong_password])
    password_confirm = PasswordField(_l("Repeat the password"), validators=[
        DataRequired(), EqualTo("password", message=_l("The two passwords do not match."))])


class InvitationSignInForm(FlaskForm):
    """Sign in with the invited account's password to accept."""

    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=512)])


class InvitationAcceptForm(FlaskForm):
    """Accept as the signed-in user: only the CSRF token."""
