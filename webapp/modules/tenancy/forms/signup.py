"""The merchant signup on the platform site."""


from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    EmailField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.validators import DataRequired, Email, Length, ValidationError

from webapp.modules.tenancy.forms.fields import strong_password
from webapp.modules.tenancy.services.merchants import VAT_NUMBER, normalise_vat_number


class SignupForm(FlaskForm):
    """A merchant's own signup: their account, their business and their first store.

    Country, language and currency choices are set by the view (the platform's languages).
    """

    name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=120)])
    email = EmailField(_l("Email"), validators=[DataRequired(), Email(check_deliverability=False), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=512), strong_password],
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

    def validate_vat_number(self, field) -> None:
        if field.data and not VAT_NUMBER.match(normalise_vat_number(field.data)):
            raise ValidationError(_l("Enter a VAT number with its country prefix, e.g. LU12345678."))

    def validate_default_language(self, field) -> None:
        if field.data and self.languages.data and field.data not in self.languages.data:
            raise ValidationError(_l("Choose one of the shop's languages."))


class ResendVerificationForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)])
