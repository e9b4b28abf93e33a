"""Admin: the tier editor, the subscription list's filters and the actions on one subscription."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectChoice, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from webapp.modules.billing.models import LIMITS
from webapp.modules.billing.services import MAX_TRIAL_EXTENSION_DAYS, TierValues

MAX_EUROS = Decimal(1_000_000)
CURRENCIES = ("EUR", "CHF", "GBP", "USD")
_SPACES = re.compile(r"[\s\u00a0\u202f']")


def _decimal_symbol() -> str:
    locale = get_locale()
    return locale.number_symbols.get("latn", {}).get("decimal", ".") if locale else "."


def parse_euros(text: str | None, decimal_symbol: str | None = None) -> int | None:
    """Euros typed with either decimal separator ("29,00", "29.00", "1 299,5", "1,299.50") -> cents.

    With both separators the last is the decimal point; a lone one is too when one or two digits follow
    it or it is the locale's decimal symbol; otherwise separators group thousands. None: not an amount.
    """
    value = _SPACES.sub("", text or "")
    if not re.fullmatch(r"\d[\d.,]*", value):
        return None
    separators = [char for char in value if char in ",."]
    if separators:
        last = separators[-1]
        head, _, tail = value.rpartition(last)
        mixed = len(set(separators)) == 2
        if mixed or (len(separators) == 1 and (len(tail) <= 2 or last == (decimal_symbol or _decimal_symbol()))):
            if last in head:
                return None
            value = head.replace("," if last == "." else ".", "") + "." + tail
        elif all(len(group) == 3 for group in value.split(last)[1:]):
            value = value.replace(last, "")
        else:
            return None
    try:
        amount = Decimal(value)
    except InvalidOperation:
        return None
    if amount != amount.quantize(Decimal("0.01")) or amount > MAX_EUROS:
        return None
    return int(amount * 100)


class EurosField(StringField):
    """An amount in euros as the admin types it; `.cents` holds the integer cents once validated."""

    cents: int | None = None

    def pre_validate(self, form) -> None:
        self.cents = parse_euros(self.data) if (self.data or "").strip() else None
        if (self.data or "").strip() and self.cents is None:
            raise ValidationError(_l("Enter an amount in euros such as 29.00 or 29,00."))


def format_euros(cents: int | None) -> str:
    """Cents as the editor shows them again: "29.00" (or "29,00" where the locale writes a comma)."""
    if cents is None:
        return ""
    return f"{cents // 100}{_decimal_symbol()}{cents % 100:02d}"


class TierForm(FlaskForm):
    code = StringField(_l("Code"), validators=[DataRequired(), Length(max=40)],
                       description=_l("Lowercase letters, digits and hyphens, e.g. professional."))
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=80)])
    description = TextAreaField(_l("Description"), validators=[Length(max=300)])
    currency = SelectField(_l("Currency"), choices=[SelectChoice(c, c) for c in CURRENCIES],
                           default="EUR")
    monthly_price = EurosField(_l("Monthly price"), validators=[DataRequired()])
    yearly_price = EurosField(_l("Yearly price"), validators=[DataRequired()])
    trial_days = IntegerField(_l("Trial days"), validators=[Optional(), NumberRange(min=0, max=365)], default=14)
    position = IntegerField(_l("Position"), validators=[Optional(), NumberRange(min=0, max=1000)], default=0,
                            description=_l("Tiers are listed in this order."))
    features = SelectMultipleField(_l("Features"), choices=[], validate_choice=True,
                                   widget=ListWidget(prefix_label=False), option_widget=CheckboxInput())

    def values(self) -> TierValues:
        limits = {}
        for limit in LIMITS:
            value = getattr(self, f"limit_{limit}").data
            policy = getattr(self, f"policy_{limit}").data or "block"
            limits[limit] = {"value": value, "policy": policy}
        return TierValues(code=(self.code.data or "").strip(), name=self.name.data or "",
                          monthly_price_cents=self.monthly_price.cents or 0,
                          yearly_price_cents=self.yearly_price.cents or 0, currency=self.currency.data,
                          trial_days=self.trial_days.data if self.trial_days.data is not None else 14,
                          description=self.description.data or "", limits=limits,
                          features=tuple(self.features.data or ()), position=self.position.data or 0)

    def limit_fields(self):
        """(limit, value field, policy field) in `LIMITS` order, for the template."""
        return [(limit, getattr(self, f"limit_{limit}"), getattr(self, f"policy_{limit}")) for limit in LIMITS]


LIMIT_LABELS = {"products": _l("Products"), "staff_seats": _l("Staff seats"), "stores": _l("Stores"),
                "orders_per_month": _l("Orders per month"), "storage_mb": _l("Storage (MB)"),
                "languages": _l("Languages")}
POLICY_LABELS = {"products": _l("When products reach the limit"),
                 "staff_seats": _l("When staff seats reach the limit"),
                 "stores": _l("When stores reach the limit"),
                 "orders_per_month": _l("When monthly orders reach the limit"),
                 "storage_mb": _l("When storage reaches the limit"),
                 "languages": _l("When languages reach the limit")}
POLICY_CHOICES = [SelectChoice("block", _l("Block beyond the limit")), SelectChoice("warn", _l("Warn only"))]

for _limit in LIMITS:
    setattr(TierForm, f"limit_{_limit}", IntegerField(
        LIMIT_LABELS[_limit], validators=[Optional(), NumberRange(min=0, max=100_000_000)],
        description=_l("Empty: unlimited.")))
    setattr(TierForm, f"policy_{_limit}", SelectField(POLICY_LABELS[_limit], choices=POLICY_CHOICES, default="block"))


def tier_form_data(tier) -> dict:
    """A tier as the editor's initial data."""
    data = {"code": tier.code, "name": tier.name, "description": tier.description, "currency": tier.currency,
            "monthly_price": format_euros(tier.monthly_price_cents),
            "yearly_price": format_euros(tier.yearly_price_cents), "trial_days": tier.trial_days,
            "position": tier.position, "features": list(tier.features or ())}
    for limit in LIMITS:
        spec = (tier.limits or {}).get(limit) or {}
        data[f"limit_{limit}"] = spec.get("value")
        data[f"policy_{limit}"] = spec.get("policy", "block")
    return data


class SubscriptionFilterForm(FlaskForm):
    class Meta:
        csrf = False

    q = StringField(_l("Merchant"), validators=[Optional(), Length(max=100)])
    platform = SelectField(_l("Platform"), choices=[], validate_choice=False)
    tier = SelectField(_l("Tier"), choices=[], validate_choice=False)
    state = SelectField(_l("State"), choices=[], validate_choice=False)


class ChangeTierForm(FlaskForm):
    tier_id = SelectField(_l("New tier"), choices=[], coerce=int)


class ExtendTrialForm(FlaskForm):
    days = IntegerField(_l("Days"), validators=[DataRequired(), NumberRange(min=1, max=MAX_TRIAL_EXTENSION_DAYS)])


class CreditForm(FlaskForm):
    amount = EurosField(_l("Amount"), validators=[DataRequired()])
    reason = StringField(_l("Reason"), validators=[DataRequired(), Length(max=300)],
                         description=_l("Printed on the credit note."))

    def validate_amount(self, field) -> None:
        if field.cents == 0:
            raise ValidationError(_l("Enter an amount above zero."))
