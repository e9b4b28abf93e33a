"""Forms of the orders module."""

from __future__ import annotations

from decimal import Decimal

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DecimalField, StringField, TextAreaField
from wtforms.validators import AnyOf, DataRequired, InputRequired, Length, Optional, ValidationError

from webapp.framework.i18n import money
from webapp.framework.list_filters import bounded
from webapp.modules.orders.models import ORDER_STATUSES


def printable(_form, field) -> None:
    """One line of visible text: no control characters (NUL, newlines)."""
    if field.data and not field.data.isprintable():
        raise ValidationError(_("Use letters, digits and punctuation only."))


class OrderFilterForm(FlaskForm):
    class Meta:
        csrf = False  # a GET filter form: nothing changes

    status = StringField(_l("Status"), validators=[Optional(), AnyOf(ORDER_STATUSES)])
    q = StringField(_l("Search"), validators=[Length(max=100)], filters=[bounded()])


class ActionForm(FlaskForm):
    """A transition without input (start processing, mark delivered): the CSRF token only."""


class ShipForm(FlaskForm):
    tracking_number = StringField(
        _l("Tracking number"), validators=[DataRequired(_l("Enter the tracking number.")), Length(max=64), printable],
        filters=[lambda value: value.strip() if isinstance(value, str) else value])


class CancelForm(FlaskForm):
    reason = TextAreaField(_l("Reason (for your records)"), validators=[Length(max=500)])
    confirm = BooleanField(_l("Yes, cancel this order"),
                           validators=[DataRequired(_l("Tick the box to confirm the cancellation."))])


class RefundForm(FlaskForm):
    amount = DecimalField(_l("Amount to refund"), places=2,
                          validators=[InputRequired(_l("Enter the amount to refund."))])

    def __init__(self, *args, maximum: Decimal = Decimal("0"), currency: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.maximum = maximum
        self.currency = currency

    def validate_amount(self, field) -> None:
        if field.data is None:
            return  # not a number: the field already says so
        if not field.data.is_finite():
            raise ValidationError(_("Enter an amount such as 12.50."))
        if field.data <= 0:
            raise ValidationError(_("The amount must be more than zero."))
        if field.data.as_tuple().exponent < -2:
            raise ValidationError(_("Use at most two decimal places."))
        if field.data > self.maximum:
            raise ValidationError(_("At most %(amount)s can still be refunded.",
                                    amount=money(self.maximum, self.currency)))
