"""Store → Billing: choosing a tier, confirming the change, cancelling with a reason."""

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

REASON_MAX = 500


_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MAX_ID = 2_147_483_647


def _squeeze(value):
    """One line of text: control characters dropped, runs of white space made one space."""
    return " ".join(_CONTROLS.sub("", value).split()) if isinstance(value, str) else value


class PreviewForm(FlaskForm):
    """Which tier to preview (a GET query: no CSRF token, nothing changes)."""

    class Meta:
        csrf = False

    tier = IntegerField(_l("Plan"), validators=[InputRequired(message=_l("Choose a plan.")),
                                                NumberRange(min=1, max=MAX_ID, message=_l("Choose a plan."))])


class ChangeTierForm(FlaskForm):
    """Confirm the previewed change; an upgrade carries the total the merchant saw."""

    tier_id = HiddenField(_l("Plan"), validators=[DataRequired(message=_l("Choose a plan."))])
    expected_total = HiddenField(_l("Total"), validators=[Optional()])

    def tier_value(self) -> int | None:
        return _positive(self.tier_id.data)

    def expected_value(self) -> int | None:
        value = (self.expected_total.data or "").strip()
        return int(value) if value.lstrip("-").isdigit() and len(value) <= 12 else None


def _positive(value) -> int | None:
    text = str(value or "").strip()
    return int(text) if text.isdigit() and len(text) <= 10 and 0 < int(text) <= MAX_ID else None


class CancelForm(FlaskForm):
    """Cancel at the period end; the reason is required."""

    reason = TextAreaField(_l("Why are you cancelling?"), filters=[_squeeze],
                           validators=[DataRequired(message=_l("Tell us why you are cancelling.")),
                                       Length(max=REASON_MAX, message=_l("Keep the reason under %(max)d characters.",
                                                                          max=REASON_MAX))],
                           description=_l("Your plan stays until the end of the period; you can keep it until then."))
