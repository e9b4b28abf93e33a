"""Forms of the cart: they only parse whole numbers; the services decide what is allowed.

CSRF is checked for every POST by the application (form field or X-CSRFToken header), so these
forms carry no token of their own. Fields other than these (a `price`, a `store_id`) are ignored.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField
from wtforms.validators import InputRequired


def _whole(field) -> int | None:
    """The field's whole number, or None when it is missing or not one ("abc", "1.5")."""
    return None if field.errors or field.data is None else field.data


class AddToCartForm(FlaskForm):
    class Meta:
        csrf = False

    variant_id = IntegerField(validators=[InputRequired()])
    quantity = IntegerField(_l("Quantity"), validators=[InputRequired()])

    def values(self) -> tuple[int | None, int | None]:
        self.validate()
        return _whole(self.variant_id), _whole(self.quantity)


class QuantityForm(FlaskForm):
    class Meta:
        csrf = False

    quantity = IntegerField(_l("Quantity"), validators=[InputRequired()])

    def value(self) -> int | None:
        self.validate()
        return _whole(self.quantity)
