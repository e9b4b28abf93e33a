"""Forms of the inventory module."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from webapp.framework.list_filters import bounded

# Far beyond any real stock movement, well inside a 32-bit column.
MAX_CHANGE = 1_000_000

# What a person may record by hand; sales and transfers are written by the system.
MANUAL_REASONS = (
    SelectChoice("received", _l("Received")),
    SelectChoice("adjustment", _l("Adjustment")),
    SelectChoice("correction", _l("Stock count correction")),
    SelectChoice("return", _l("Return")),
)


class StockSearchForm(FlaskForm):
    class Meta:
        csrf = False  # a GET filter form: nothing changes

    q = StringField(_l("SKU"), validators=[Length(max=64)], filters=[bounded(64)])
    low = BooleanField(_l("Low stock only"))


class AdjustForm(FlaskForm):
    location = SelectField(_l("Location"), coerce=int, validate_choice=True)
    change = IntegerField(_l("Quantity change"), validators=[InputRequired(message=_l("Enter a whole number."))],
                          description=_l("Positive to add stock, negative to remove it."))
    reason = SelectField(_l("Reason"), choices=list(MANUAL_REASONS))
    note = StringField(_l("Note"), validators=[Length(max=500)])

    def __init__(self, *args, locations=(), **kwargs):
        super().__init__(*args, **kwargs)
        # Only this store's locations are valid choices: a foreign id fails validation.
        self.location.choices = [SelectChoice(location.id, location.name) for location in locations]

    def validate_change(self, field):
        if field.data is None:  # not a whole number: WTForms already said so
            return
        if field.data == 0:
            raise ValidationError(_("Enter a change other than zero."))
        if abs(field.data) > MAX_CHANGE:
            raise ValidationError(_("Enter a change between -%(max)s and %(max)s.", max=MAX_CHANGE))


class QuickAdjustForm(FlaskForm):
    """The stock list's inline adjustment: a change at the default location, with a reason.

    One per row, built with `quick_adjust_form(item_id)`: the prefix keeps field ids unique.
    """

    change = IntegerField(_l("Change"), validators=[InputRequired(message=_l("Enter a whole number."))])
    reason = SelectField(_l("Reason"), choices=list(MANUAL_REASONS))

    validate_change = AdjustForm.validate_change


class ItemSettingsForm(FlaskForm):
    track_stock = BooleanField(_l("Track stock"),
                               description=_l("Untracked items are always available (services, gift cards)."))
    low_stock_threshold = IntegerField(
        _l("Low-stock alert level"), validators=[Optional(), NumberRange(min=0, max=MAX_CHANGE)],
        description=_l("Alert at or below this quantity. Leave empty for the store default."))


class LocationForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=100)])


def quick_adjust_form(item_id: int, **kwargs) -> QuickAdjustForm:
    return QuickAdjustForm(prefix=f"adjust-{item_id}", **kwargs)
