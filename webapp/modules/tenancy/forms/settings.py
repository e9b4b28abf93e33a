"""Store → Settings: business details, general, languages, currency, time zone, domains."""


from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.validators import DataRequired, Length, ValidationError

from webapp.modules.tenancy.services.merchants import VAT_NUMBER, BusinessDetails, normalise_vat_number


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
