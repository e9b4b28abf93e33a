"""A store's checkout settings: tax display, VAT rates per country, shipping methods.

Every store gets sensible defaults the first time its settings are read (EU VAT rates of the
Benelux neighbours, a standard and an express method), so checkout works before any set-up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from webapp.extensions import db
from webapp.modules.checkout.exceptions import DuplicateCode, InvalidCheckoutData, NotFound
from webapp.modules.checkout.models import CheckoutSettings, ShippingMethod, TaxRate

CENT = Decimal("0.01")
DEFAULT_COUNTRY = "LU"
DEFAULT_TAX_RATES = {"LU": Decimal("17"), "FR": Decimal("20"), "DE": Decimal("19"), "BE": Decimal("21"),
                     "NL": Decimal("21")}
DEFAULT_METHODS = (
    {"code": "standard", "label": "Standard delivery", "price": Decimal("4.90"), "free_over": Decimal("50"),
     "position": 10},
    {"code": "express", "label": "Express delivery", "price": Decimal("9.90"), "free_over": None, "position": 20},
)
CODE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
COUNTRY = re.compile(r"^[A-Z]{2}$")
MAX_AMOUNT = Decimal("9999999999.99")


def clean_text(value, limit: int) -> str:
    """One line of text: whitespace collapsed, control characters (NUL…) dropped; `limit` + 1 chars at most,
    so that a caller can tell "too long" from "just right"."""
    text = "".join(ch for ch in str(value or "")[:limit * 4 + 100] if ch.isprintable() or ch.isspace())
    return " ".join(text.split())[:limit + 1]


def to_amount(value) -> Decimal:
    """A Decimal amount rounded to the cent, half up."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def parse_amount(value) -> Decimal | None:
    """`value` as an amount in cents, or None when it is not a finite number of sensible size."""
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value).strip())
        if not amount.is_finite() or abs(amount) > MAX_AMOUNT:
            return None
        return to_amount(amount)
    except (InvalidOperation, TypeError, ValueError):
        return None


@dataclass(frozen=True)
class ShippingMethodData:
    code: str
    label: str
    price: Decimal
    free_over: Decimal | None = None
    active: bool = True
    position: int = 0


def _create_defaults(store_id: int) -> None:
    db.session.add(CheckoutSettings(store_id=store_id, prices_include_tax=True, default_country=DEFAULT_COUNTRY))
    db.session.add_all(TaxRate(store_id=store_id, country=country, rate=rate)
                       for country, rate in DEFAULT_TAX_RATES.items())
    db.session.add_all(ShippingMethod(store_id=store_id, active=True, **spec) for spec in DEFAULT_METHODS)


def get_settings(store_id: int) -> CheckoutSettings:
    """The store's settings; the first call creates them with default VAT rates and shipping methods."""
    settings = db.session.scalar(select(CheckoutSettings).where(CheckoutSettings.store_id == store_id))
    if settings is not None:
        return settings
    try:
        with db.session.begin_nested():
            _create_defaults(store_id)
    except IntegrityError:
        pass  # a concurrent request created them first
    return db.session.scalar(select(CheckoutSettings).where(CheckoutSettings.store_id == store_id))


def set_prices_include_tax(store_id: int, include: bool) -> CheckoutSettings:
    """Whether catalog prices contain VAT (shown incl.) or VAT is added at checkout (shown excl.)."""
    settings = get_settings(store_id)
    settings.prices_include_tax = bool(include)
    db.session.flush()
    return settings


def list_tax_rates(store_id: int) -> list[TaxRate]:
    get_settings(store_id)
    return list(db.session.scalars(select(TaxRate).where(TaxRate.store_id == store_id).order_by(TaxRate.country)))


def tax_rate_for(store_id: int, country: str | None, *, defaults_exist: bool = False) -> Decimal | None:
    """The VAT rate (percent) for goods shipped to `country`, or None when the store does not ship there."""
    country = country.upper() if isinstance(country, str) else ""
    if not COUNTRY.match(country):
        return None
    if not defaults_exist:
        get_settings(store_id)
    return db.session.scalar(select(TaxRate.rate).where(TaxRate.store_id == store_id, TaxRate.country == country))


def _clean_rate(country: str, rate) -> tuple[str, Decimal]:
    country = (country or "").strip().upper()
    errors = {}
    if not COUNTRY.match(country):
        errors["country"] = _l("Enter a two-letter country code, such as LU.")
    rate = parse_amount(rate)
    if rate is None or not Decimal(0) <= rate <= Decimal(100):
        errors["rate"] = _l("Enter a percentage from 0 to 100.")
    if errors:
        raise InvalidCheckoutData(errors)
    return country, rate


def save_tax_rate(store_id: int, country: str, rate) -> TaxRate:
    """Set the VAT rate for a country (added, or changed when the country has one)."""
    country, rate = _clean_rate(country, rate)
    get_settings(store_id)
    record = db.session.scalar(select(TaxRate).where(TaxRate.store_id == store_id, TaxRate.country == country))
    if record is None:
        record = TaxRate(store_id=store_id, country=country, rate=rate)
        try:
            with db.session.begin_nested():
                db.session.add(record)
        except IntegrityError as error:
            raise DuplicateCode(country) from error
    record.rate = rate
    db.session.flush()
    return record


def delete_tax_rate(store_id: int, rate_id: int) -> None:
    """Stop shipping to a country (its rate goes)."""
    record = db.session.scalar(select(TaxRate).where(TaxRate.store_id == store_id, TaxRate.id == rate_id))
    if record is None:
        raise NotFound(f"no tax rate {rate_id}")
    db.session.delete(record)
    db.session.flush()


def list_shipping_methods(store_id: int, *, active_only: bool = False) -> list[ShippingMethod]:
    """The store's shipping methods in display order."""
    get_settings(store_id)
    query = select(ShippingMethod).where(ShippingMethod.store_id == store_id)
    if active_only:
        query = query.where(ShippingMethod.active.is_(True))
    return list(db.session.scalars(query.order_by(ShippingMethod.position, ShippingMethod.id)))


def get_shipping_method(store_id: int, method_id: int) -> ShippingMethod:
    method = db.session.scalar(select(ShippingMethod).where(ShippingMethod.store_id == store_id,
                                                            ShippingMethod.id == method_id))
    if method is None:
        raise NotFound(f"no shipping method {method_id}")
    return method


def active_method(store_id: int, code: str | None) -> ShippingMethod | None:
    """The active method with this code, or None."""
    if not isinstance(code, str) or not CODE.match(code):
        return None
    return db.session.scalar(select(ShippingMethod).where(
        ShippingMethod.store_id == store_id, ShippingMethod.code == code, ShippingMethod.active.is_(True)))


def shipping_price(method: ShippingMethod, goods_subtotal: Decimal) -> Decimal:
    """The method's price for this goods subtotal: free from its threshold on."""
    if method.free_over is not None and goods_subtotal >= method.free_over:
        return Decimal("0.00")
    return to_amount(method.price)


def _clean_method(data: ShippingMethodData) -> ShippingMethodData:
    code, label = (data.code or "").strip().lower(), clean_text(data.label, 120)
    errors = {}
    if not CODE.match(code):
        errors["code"] = _l("Use up to 40 lowercase letters, digits, - or _.")
    if not label or len(label) > 120:
        errors["label"] = _l("Enter a name of up to 120 characters.")
    price = parse_amount(data.price)
    if price is None or price < 0:
        errors["price"] = _l("Enter an amount of at least 0.")
    free_over = None if data.free_over is None else parse_amount(data.free_over)
    if data.free_over is not None and (free_over is None or free_over < 0):
        errors["free_over"] = _l("Enter an amount of at least 0, or leave it empty.")
    if errors:
        raise InvalidCheckoutData(errors)
    return ShippingMethodData(code, label, price, free_over, bool(data.active), int(data.position or 0))


def _code_taken(store_id: int, code: str, method_id: int | None = None) -> bool:
    query = select(ShippingMethod.id).where(ShippingMethod.store_id == store_id, ShippingMethod.code == code)
    if method_id is not None:
        query = query.where(ShippingMethod.id != method_id)
    return db.session.scalar(query) is not None


def _apply(method: ShippingMethod, data: ShippingMethodData) -> None:
    method.code, method.label, method.price = data.code, data.label, data.price
    method.free_over, method.active, method.position = data.free_over, data.active, data.position


def create_shipping_method(store_id: int, data: ShippingMethodData) -> ShippingMethod:
    """Add a shipping method; codes are unique per store (DuplicateCode)."""
    data = _clean_method(data)
    get_settings(store_id)
    if _code_taken(store_id, data.code):
        raise DuplicateCode(data.code)
    method = ShippingMethod(store_id=store_id)
    _apply(method, data)
    try:
        with db.session.begin_nested():
            db.session.add(method)
    except IntegrityError as error:
        raise DuplicateCode(data.code) from error
    return method


def update_shipping_method(store_id: int, method_id: int, data: ShippingMethodData) -> ShippingMethod:
    """Change a shipping method (its code stays unique in the store)."""
    data = _clean_method(data)
    method = get_shipping_method(store_id, method_id)
    if _code_taken(store_id, data.code, method.id):
        raise DuplicateCode(data.code)
    _apply(method, data)
    db.session.flush()
    return method


def delete_shipping_method(store_id: int, method_id: int) -> None:
    """Remove a shipping method; checkouts that chose it are sent back to the shipping step."""
    db.session.delete(get_shipping_method(store_id, method_id))
    db.session.flush()
