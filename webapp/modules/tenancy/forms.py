"""Forms of the tenancy module."""

import re

from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    PasswordField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.validators import DataRequired, Email, EqualTo, Length, Regexp, ValidationError

from webapp.framework.auth.passwords import MIN_LENGTH, password_problem
from webapp.framework.list_filters import bounded
from webapp.modules.tenancy.services import PlatformSettings, StaffRole, StoreSettings
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


class GeneralSettingsForm(FlaskForm):
    """Settings → General. Country choices are set by the view."""

    name = StringField(_l("Store name"), validators=[DataRequired(), Length(max=120)])
    contact_email = EmailField(_l("Contact email"), validators=[Length(max=254)],
                               description=_l("Shown to shoppers in the storefront footer."))
    phone = StringField(_l("Phone"), validators=[Length(max=40)])
    street = StringField(_l("Street and number"), validators=[Length(max=200)])
    postal_code = StringField(_l("Postal code"), validators=[Length(max=20)])
    city = StringField(_l("City"), validators=[Length(max=100)])
    country = SelectField(_l("Country"), validators=[DataRequired()])


class LanguagesForm(FlaskForm):
    """Settings → Languages. Choices (the platform's languages) are set by the view."""

    languages = SelectMultipleField(_l("Languages of your storefront"), choices=[])
    default_language = SelectField(
        _l("Default language"), choices=[], validate_choice=False,
        description=_l("Shoppers whose browser asks for none of your languages see this one."))


class CurrencyForm(FlaskForm):
    currency = SelectField(_l("Currency"), choices=[], validate_choice=False)
    confirm = BooleanField(_l("I understand that my prices keep their amounts and are read in the new currency."))


class TimezoneForm(FlaskForm):
    timezone = SelectField(_l("Time zone"), choices=[], validate_choice=False)


class DomainForm(FlaskForm):
    domain = StringField(_l("Domain"), validators=[DataRequired(), Length(max=253)],
                         description=_l("For example shop.example.com. You set up its DNS records next."))


class ActionForm(FlaskForm):
    """A button that changes something (verify, make primary, remove): the CSRF token is all it carries."""


PASSWORD_PROBLEMS = {"too_short": _l("Use at least %(num)d characters.", num=MIN_LENGTH),
                     "too_common": _l("This password is too common. Choose one that is harder to guess.")}


class SignupForm(FlaskForm):
    """A merchant's own signup: their account, their business and their first store.

    Country, language and currency choices are set by the view (the platform's languages).
    """

    name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=120)])
    email = EmailField(_l("Email"), validators=[DataRequired(), Email(check_deliverability=False), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=512)],
                             description=_l("At least 10 characters."))
    legal_name = StringField(_l("Legal name of your business"), validators=[DataRequired(), Length(max=200)])
    country = SelectField(_l("Country"), validators=[DataRequired()])
    vat_number = StringField(_l("VAT number (optional)"), validators=[Length(max=32)],
                             description=_l("With the country prefix, e.g. LU12345678. Leave empty if you have none."))
    store_name = StringField(_l("Shop name"), validators=[DataRequired(), Length(max=120)])
    store_code = StringField(_l("Shop address"), validators=[DataRequired(), Length(max=40)],
                             description=_l("3 to 30 lowercase letters, digits or hyphens; also your shop's "
                                            "subdomain."))
    languages = SelectMultipleField(_l("Languages of your shop"), validators=[DataRequired()])
    # No DataRequired: it would mark these required, and a required select must open on an empty
    # option; the choice check alone refuses anything missing or unknown.
    default_language = SelectField(_l("Main language"))
    currency = SelectField(_l("Currency"))

    def validate_password(self, field) -> None:
        problem = password_problem(field.data or "")
        if problem:
            raise ValidationError(PASSWORD_PROBLEMS.get(problem, PASSWORD_PROBLEMS["too_short"]))

    def validate_vat_number(self, field) -> None:
        if field.data and not VAT_NUMBER.match(normalise_vat_number(field.data)):
            raise ValidationError(_l("Enter a VAT number with its country prefix, e.g. LU12345678."))

    def validate_default_language(self, field) -> None:
        if field.data and self.languages.data and field.data not in self.languages.data:
            raise ValidationError(_l("Choose one of the shop's languages."))


class ResendVerificationForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)])


def _clean(value):
    """Trim, and drop NUL characters (PostgreSQL refuses them in text)."""
    return value.replace("\x00", "").strip() if isinstance(value, str) else value


def _check_email(_form, field) -> None:
    # test_environment: the demo and test teams use reserved `.test` addresses.
    try:
        validate_email(field.data or "", check_deliverability=False, test_environment=True)
    except EmailNotValidError:
        raise ValidationError(_l("Enter a valid email address.")) from None


class InviteForm(FlaskForm):
    """Invite someone to the store's team. Role choices are set by the view."""

    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254), _check_email], filters=[_clean])
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

    name = StringField(_l("Role name"), validators=[DataRequired(), Length(max=60)], filters=[_clean])
    permissions = SelectMultipleField(_l("Permissions"),
                                      validators=[DataRequired(message=_l("Choose at least one permission."))])


def _check_new_password(_form, field) -> None:
    problem = password_problem(field.data or "")
    if problem == "too_short":
        raise ValidationError(_l("Use at least %(num)d characters.", num=MIN_LENGTH))
    if problem is not None:
        raise ValidationError(_l("This password is too common. Choose one that is harder to guess."))


class InvitationSignUpForm(FlaskForm):
    """Create an account to accept an invitation (the email is the invited one)."""

    name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=120)], filters=[_clean])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=512), _check_new_password])
    password_confirm = PasswordField(_l("Repeat the password"), validators=[
        DataRequired(), EqualTo("password", message=_l("The two passwords do not match."))])


class InvitationSignInForm(FlaskForm):
    """Sign in with the invited account's password to accept."""

    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=512)])


class InvitationAcceptForm(FlaskForm):
    """Accept as the signed-in user: only the CSRF token."""


# The shape of an address only: staff of development and demo set-ups use reserved domains (`.test`).
EMAIL = Regexp(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", message=_l("Enter an email address such as name@example.com."))
HEX = Regexp(r"^(#[0-9a-fA-F]{6})?$", message=_l("Use a hex colour such as #1d4ed8."))
CODE = Regexp(r"^[a-z0-9-]*$", message=_l("Use lowercase letters, digits and hyphens only."))


class _Languages:
    """Language fields; the view sets their choices from the app's (platform) or the platform's (store) languages.

    Selects carry no DataRequired: they always send one of their options (anything else fails the choice
    check), and HTML wants a placeholder first in a `required` select.
    """

    default_language = SelectField(_l("Default language"))
    languages = SelectMultipleField(_l("Languages"), validators=[DataRequired()])


class PlatformForm(_Languages, FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)], filters=[_clean])
    domain = StringField(_l("Domain"), validators=[Length(max=253)], filters=[_clean],
                         description=_l("The host name the platform site answers on, e.g. shop.example."))
    primary = StringField(_l("Primary colour"), validators=[HEX], filters=[_clean],
                          description=_l("Buttons and links, e.g. #1d4ed8. White text must be readable on it."))
    accent = StringField(_l("Accent colour"), validators=[HEX], filters=[_clean],
                         description=_l("Highlights, e.g. #15803d. White text must be readable on it."))
    signup_policy = RadioField(_l("New stores"), choices=[
        SelectChoice("open", _l("Go live when their owner launches them")),
        SelectChoice("approval", _l("Wait for an admin's approval"))], default="open")
    require_two_factor = BooleanField(_l("Require two-factor authentication for this platform's staff"))

    def settings(self) -> PlatformSettings:
        return PlatformSettings(self.name.data or "", self.domain.data or "", self.default_language.data or "",
                                tuple(self.languages.data or ()), (self.primary.data or "").lower(),
                                (self.accent.data or "").lower(), self.signup_policy.data or "",
                                bool(self.require_two_factor.data))


class NewPlatformForm(PlatformForm):
    code = StringField(_l("Code"), validators=[DataRequired(), Length(min=3, max=40), CODE], filters=[_clean],
                       description=_l("Used in addresses; it cannot be changed later."))


class StoreForm(_Languages, FlaskForm):
    name = StringField(_l("Store name"), validators=[DataRequired(), Length(max=120)], filters=[_clean])
    subdomain = StringField(_l("Subdomain"), validators=[DataRequired(), Length(min=3, max=40), CODE],
                            filters=[_clean])
    currency = SelectField(_l("Currency"))

    def settings(self) -> StoreSettings:
        return StoreSettings(self.name.data or "", (self.subdomain.data or "").lower(),
                             self.default_language.data or "", tuple(self.languages.data or ()),
                             self.currency.data or "")


class NewStoreForm(StoreForm):
    code = StringField(_l("Store code"), validators=[DataRequired(), Length(min=3, max=40), CODE],
                       filters=[_clean], description=_l("Used in addresses; it cannot be changed later."))
    platform = SelectField(_l("Platform"))


class NewMerchantForm(BusinessForm):
    owner_email = EmailField(_l("Owner's email"), validators=[DataRequired(), Length(max=254), EMAIL],
                             filters=[_clean], description=_l("An existing user, or a new one who gets an invitation."))
    owner_name = StringField(_l("Owner's name"), validators=[Length(max=120)], filters=[_clean])
    platform = SelectField(_l("Platform"))
    store_name = StringField(_l("First store's name"), validators=[DataRequired(), Length(max=120)],
                             filters=[_clean])
    store_code = StringField(_l("First store's code"), validators=[DataRequired(), Length(min=3, max=40), CODE],
                             filters=[_clean], description=_l("Also its subdomain; it cannot be changed later."))


class StaffRoleForm(FlaskForm):
    role = RadioField(_l("Role"), validators=[DataRequired()])
    platforms = SelectMultipleField(_l("Platforms"), coerce=int, validate_choice=False,
                                    description=_l("Platform admins and translators work on these platforms only."))

    def staff_role(self) -> StaffRole:
        return StaffRole(self.role.data or "", tuple(self.platforms.data or ()))


class InviteStaffForm(StaffRoleForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254), EMAIL], filters=[_clean])
    name = StringField(_l("Name"), validators=[Length(max=120)], filters=[_clean])


class StaffFilterForm(FlaskForm):
    class Meta:
        csrf = False  # a GET filter form: nothing changes

    q = StringField(_l("Search"), validators=[Length(max=100)], filters=[bounded()])
    role = SelectField(_l("Role"), validate_choice=False)
    platform = SelectField(_l("Platform"), validate_choice=False)


class StoreFilterForm(FlaskForm):
    class Meta:
        csrf = False  # a GET filter form: nothing changes

    q = StringField(_l("Search"), validators=[Length(max=100)], filters=[bounded()])
    platform = SelectField(_l("Platform"), validate_choice=False)
    status = SelectField(_l("Status"), validate_choice=False)


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
