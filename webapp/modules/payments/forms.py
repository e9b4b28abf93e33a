"""Forms of the payments module."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget


def no_control_characters(_form, field) -> None:
    # PostgreSQL refuses NUL in text; other control characters are never meant in these fields.
    if any(ord(ch) < 32 and ch not in "\r\n\t" for ch in field.data or ""):
        raise ValidationError(_l("Remove the invisible control characters."))


class SettingsForm(FlaskForm):
    enabled_gateways = SelectMultipleField(_l("Payment methods"), choices=[],
                                           widget=ListWidget(prefix_label=False), option_widget=CheckboxInput())
    manual_instructions = TextAreaField(_l("Instructions for bank transfer or pickup"),
                                        validators=[Length(max=2000), no_control_characters],
                                        description=_l("Shown to shoppers who choose this method, e.g. your IBAN."))
    stripe_publishable_key = StringField(_l("Stripe publishable key"),
                                         validators=[Optional(), Length(max=255), no_control_characters])
    # Write-only: PasswordField never renders the saved value back.
    stripe_secret_key = PasswordField(_l("Stripe secret key"),
                                      validators=[Optional(), Length(max=255), no_control_characters])
    stripe_webhook_secret = PasswordField(_l("Stripe webhook signing secret"),
                                          validators=[Optional(), Length(max=255), no_control_characters])
    clear_stripe = BooleanField(_l("Remove the saved Stripe keys"))
