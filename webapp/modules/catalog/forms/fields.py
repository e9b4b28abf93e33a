"""Field helpers of the catalog forms: clean text, money that is always a finite amount."""

from __future__ import annotations

from decimal import Decimal

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DecimalField, Form, StringField
from wtforms.meta import DefaultMeta

from webapp.modules.catalog.services.cleaning import strip_controls

MONEY_MAX = Decimal("9999999999.99")


class _CleanText:
    """Adds the control-character filter to every text field of the form."""

    def bind_field(self, form, unbound_field, options):
        if issubclass(unbound_field.field_class, StringField):
            options = {**options, "filters": (*unbound_field.kwargs.get("filters", ()), strip_controls)}
        return super().bind_field(form, unbound_field, options)


class CleanForm(Form):
    class Meta(_CleanText, DefaultMeta):
        pass


class CleanFlaskForm(FlaskForm):
    class Meta(_CleanText, FlaskForm.Meta):
        pass


class MoneyField(DecimalField):
    """A decimal amount; NaN, infinities and absurd sizes are input errors, not crashes later."""

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        if self.data is not None and (not self.data.is_finite() or abs(self.data) > MONEY_MAX):
            self.data = None
            raise ValueError(_l("Enter an amount between 0.01 and 9,999,999,999.99."))
