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
from webapp.modules.orders.services.states import FULFILMENT_STATUSES, PAYMENT_STATUSES

QUANTITY_MAX_DIGITS = 6


def printable(_form, field) -> None:
    """One line of visible text: no control characters (NUL, newlines)."""
    if field.data and not field.data.isprintable():
        raise ValidationError(_("Use letters, digits and punctuation only."))


class OrderFilterForm(FlaskForm):
    class Meta:
        csrf = False  # a GET filter form: nothing changes

    payment = StringField(_l("Payment"), validators=[Optional(), Length(max=20), AnyOf(PAYMENT_STATUSES)])
    fulfilment = StringField(_l("Fulfilment"), validators=[Optional(), Length(max=20), AnyOf(FULFILMENT_STATUSES)])
    q = StringField(_l("Search"), validators=[Length(max=100)], filters=[bounded()])


class ActionForm(FlaskForm):
    """A transition without input (mark delivered, close): the CSRF token only."""


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class FulfilForm(FlaskForm):
    """Carrier and tracking number of a parcel; its line quantities are read by `line_quantities`."""

    carrier = StringField(_l("Carrier"), validators=[Optional(), Length(max=60), printable], filters=[_strip])
    tracking_number = StringField(_l("Tracking number"), validators=[Optional(), Length(max=64), printable],
                                  filters=[_strip])


class NoteForm(FlaskForm):
    text = TextAreaField(_l("Note for your team"), validators=[
        DataRequired(_l("Write the note.")), Length(max=500)], filters=[_strip])


def line_quantities(formdata, prefix: str, limits: dict[int, int]) -> tuple[dict[int, int], dict[int, str]]:
    """Quantities typed per order line (`<prefix>-<line id>`, blank = 0), each within its limit.

    Returns ({line id: quantity}, {line id: error message}); unknown line ids are ignored.
    """
    quantities, errors = {}, {}
    for line_id, limit in limits.items():
        raw = (formdata.get(f"{prefix}-{line_id}") or "").strip()
        if not raw:
            quantities[line_id] = 0
        elif not raw.isdigit() or len(raw) > QUANTITY_MAX_DIGITS:
            errors[line_id] = _("Enter a whole number.")
        elif int(raw) > limit:
            errors[line_id] = _("At most %(num)s.", num=limit)
        else:
            quantities[line_id] = int(raw)
    return quantities, errors


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
