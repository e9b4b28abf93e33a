"""Forms of the checkout steps and of the merchant's checkout settings.

Choices (countries, methods, gateways, saved addresses) are filled by the view from this store's
data; the services check the submitted values again, so a forged value gets a field error.
"""

from decimal import Decimal

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DecimalField,
    EmailField,
    HiddenField,
    IntegerField,
    PasswordField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
)
from wtforms.validators import DataRequired, Email, InputRequired, Length, NumberRange, Optional, Regexp

MAX_AMOUNT = Decimal("9999999999.99")


class AmountField(DecimalField):
    """A decimal that refuses NaN and infinities (which would break comparisons later)."""

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        if self.data is not None and not self.data.is_finite():
            self.data = None
            raise ValueError(self.gettext("Not a valid decimal value."))


class ContactForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254), Email()])
    first_name = StringField(_l("First name"), validators=[DataRequired(), Length(max=100)])
    last_name = StringField(_l("Last name"), validators=[DataRequired(), Length(max=100)])
    phone = StringField(_l("Phone (optional)"), validators=[Optional(), Length(max=40)])
    # "" = the address typed below; otherwise the id of one of the customer's saved addresses.
    saved_address = RadioField(_l("Deliver to"), choices=[], validate_choice=False, default="")
    street = StringField(_l("Street and number"), validators=[Length(max=200)])
    postal_code = StringField(_l("Postal code"), validators=[Length(max=20)])
    city = StringField(_l("City"), validators=[Length(max=100)])
    country = SelectField(_l("Country"), choices=[], validate_choice=False)
    create_account = BooleanField(_l("Create an account for faster checkout next time"))
    password = PasswordField(_l("Password"), validators=[Optional(), Length(max=512)])

    def validate_password(self, field):
        if self.create_account.data and not field.data:
            raise ValueError(_l("Choose a password for your account."))


class ShippingForm(FlaskForm):
    method = RadioField(_l("Delivery"), choices=[], validate_choice=False)


class PaymentForm(FlaskForm):
    gateway = RadioField(_l("Payment method"), choices=[], validate_choice=False)


class CardFields:
    """Card details for the test and Stripe gateways: checked for shape here, never stored."""

    card_number = StringField(_l("Card number"), validators=[
        Optional(), Regexp(r"^[0-9 ]{12,23}$", message=_l("Enter the card number (digits only)."))])
    exp_month = IntegerField(_l("Expiry month"), validators=[Optional(), NumberRange(min=1, max=12)])
    exp_year = IntegerField(_l("Expiry year"), validators=[Optional(), NumberRange(min=2000, max=2100)])
    cvc = StringField(_l("Security code"), validators=[
        Optional(), Regexp(r"^[0-9]{3,4}$", message=_l("Enter the 3 or 4 digits on the back of the card."))])

    def require_card(self) -> bool:
        """All card fields present; marks the missing ones. Call after validate()."""
        missing = [f for f in (self.card_number, self.exp_month, self.exp_year, self.cvc) if f.data in (None, "")]
        for field in missing:
            field.errors = [*field.errors, _l("This field is required.")]
        return not missing


class PlaceForm(CardFields, FlaskForm):
    idempotency_key = HiddenField(validators=[DataRequired(), Length(max=64)])


class PayAgainForm(CardFields, FlaskForm):
    attempt = IntegerField(validators=[InputRequired(), NumberRange(min=1, max=1000)])


class TaxDisplayForm(FlaskForm):
    prices_include_tax = RadioField(_l("Prices in your catalog"), choices=[
        SelectChoice("1", _l("include VAT (shown to shoppers with VAT)")),
        SelectChoice("0", _l("exclude VAT (VAT is added at checkout)")),
    ], validators=[InputRequired()])


class ShippingMethodForm(FlaskForm):
    code = StringField(_l("Code"), validators=[
        DataRequired(), Length(max=40),
        Regexp(r"^[a-z0-9][a-z0-9_-]*$", message=_l("Use lowercase letters, digits, - or _."))])
    label = StringField(_l("Name shown to shoppers"), validators=[DataRequired(), Length(max=120)])
    price = AmountField(_l("Price"), places=2, validators=[InputRequired(), NumberRange(min=0, max=MAX_AMOUNT)])
    free_over = AmountField(_l("Free from (goods total)"), places=2,
                            validators=[Optional(), NumberRange(min=0, max=MAX_AMOUNT)],
                            description=_l("Leave empty if this method is never free."))
    position = IntegerField(_l("Position"), default=0, validators=[Optional(), NumberRange(min=0, max=10_000)])
    active = BooleanField(_l("Offered to shoppers"), default=True)


class TaxRateForm(FlaskForm):
    country = SelectField(_l("Country"), choices=[], validators=[DataRequired()])
    rate = AmountField(_l("VAT rate (%)"), places=2, validators=[InputRequired(), NumberRange(min=0, max=100)])


class ConfirmForm(FlaskForm):
    """A button that changes something (delete): the CSRF token is all it carries."""
