"""Order totals: goods, shipping and VAT at the shipping country's rate, incl. or excl. as configured.

Everything is computed here from the priced cart and the store's settings; nothing a browser
sends takes part. Amounts are Decimals rounded to the cent (half up) per line, then summed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from webapp.modules.checkout.models import CheckoutSession
from webapp.modules.checkout.services.settings import (
    active_method,
    get_settings,
    shipping_price,
    tax_rate_for,
    to_amount,
)

ZERO = Decimal("0.00")
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class QuoteLine:
    title: str
    sku: str
    quantity: int
    unit_price: Decimal
    line_total: Decimal
    tax: Decimal
    variant_id: int | None = None
    inventory_item_id: int | None = None


@dataclass(frozen=True)
class Quote:
    lines: list[QuoteLine]
    subtotal: Decimal  # goods, as prices are shown (incl. VAT when prices include it)
    shipping: Decimal
    tax_total: Decimal
    total: Decimal  # what the shopper pays
    prices_include_tax: bool
    currency: str
    tax_rate: Decimal  # percent
    country: str
    shipping_label: str = ""
    shipping_method_code: str | None = None
    free_shipping: bool = False

    @property
    def net_total(self) -> Decimal:
        return self.total - self.tax_total

    @property
    def item_count(self) -> int:
        return sum(line.quantity for line in self.lines)


def tax_of(amount: Decimal, rate: Decimal, *, included: bool) -> Decimal:
    """The VAT in `amount` (a gross price) or on it (a net price), at `rate` percent."""
    if included:
        return to_amount(amount - amount * HUNDRED / (HUNDRED + rate))
    return to_amount(amount * rate / HUNDRED)


def compute_quote(lines, *, rate: Decimal, prices_include_tax: bool, shipping: Decimal, currency: str,
                  country: str, shipping_label: str = "", shipping_method_code: str | None = None,
                  free_shipping: bool = False) -> Quote:
    """Totals of cart lines (objects with title, sku, quantity, unit_price) plus shipping."""
    quoted = []
    for line in lines:
        line_total = to_amount(Decimal(line.unit_price) * line.quantity)
        quoted.append(QuoteLine(title=line.title, sku=line.sku, quantity=line.quantity,
                                unit_price=to_amount(line.unit_price), line_total=line_total,
                                tax=tax_of(line_total, rate, included=prices_include_tax),
                                variant_id=getattr(line, "variant_id", None),
                                inventory_item_id=getattr(line, "inventory_item_id", None)))
    subtotal = sum((line.line_total for line in quoted), ZERO)
    shipping = to_amount(shipping)
    tax_total = sum((line.tax for line in quoted), ZERO) + tax_of(shipping, rate, included=prices_include_tax)
    total = subtotal + shipping + (ZERO if prices_include_tax else tax_total)
    return Quote(lines=quoted, subtotal=subtotal, shipping=shipping, tax_total=tax_total, total=total,
                 prices_include_tax=prices_include_tax, currency=currency, tax_rate=to_amount(rate), country=country,
                 shipping_label=shipping_label, shipping_method_code=shipping_method_code,
                 free_shipping=free_shipping)


def shipping_country(settings, checkout: CheckoutSession | None) -> str:
    address = (checkout.shipping_address or {}) if checkout is not None else {}
    return address.get("country") or settings.default_country


def quote(store_id: int, checkout: CheckoutSession | None, cart_view) -> Quote:
    """The totals of this checkout for the priced cart `cart_view` (lines, currency)."""
    settings = get_settings(store_id)
    country = shipping_country(settings, checkout)
    rate = tax_rate_for(store_id, country, defaults_exist=True)
    if rate is None:  # the country lost its rate since: the store's home rate until the address changes
        country = settings.default_country
        rate = tax_rate_for(store_id, country, defaults_exist=True) or Decimal(0)
    goods = sum((to_amount(Decimal(line.unit_price) * line.quantity) for line in cart_view.lines), ZERO)
    method = active_method(store_id, checkout.shipping_method_code) if checkout is not None else None
    shipping = shipping_price(method, goods) if method is not None else ZERO
    return compute_quote(cart_view.lines, rate=Decimal(rate), prices_include_tax=settings.prices_include_tax,
                         shipping=shipping, currency=cart_view.currency, country=country,
                         shipping_label=method.label if method else "",
                         shipping_method_code=method.code if method else None,
                         free_shipping=method is not None and shipping == ZERO and method.price > 0)
