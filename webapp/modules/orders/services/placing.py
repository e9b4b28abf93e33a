"""Placing an order: validated data in, a numbered pending order out, once per idempotency key."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from webapp.extensions import db
from webapp.framework import events
from webapp.framework.limits import check_limit
from webapp.framework.scoping import store_scope
from webapp.modules.contracts.events import OrderPlaced
from webapp.modules.orders.exceptions import InvalidOrder
from webapp.modules.orders.models import Order, OrderLine, utcnow
from webapp.modules.orders.services import timeline
from webapp.modules.orders.services.numbering import give_back, next_number
from webapp.modules.tenancy.services import seller_details

CENT = Decimal("0.01")


@dataclass(frozen=True)
class NewOrderLine:
    variant_id: int | None
    sku: str
    title: str
    quantity: int
    unit_price: Decimal
    tax_rate: Decimal = Decimal("0")
    inventory_item_id: int | None = None  # the stock item sold, so a refund can put it back


@dataclass(frozen=True)
class NewOrder:
    """An order as checkout computed it on the server (prices, taxes and totals included)."""

    customer_id: int | None
    email: str
    lines: list[NewOrderLine]
    currency: str
    subtotal: Decimal
    shipping_total: Decimal
    tax_total: Decimal
    total: Decimal
    prices_include_tax: bool = True
    shipping_address: dict = field(default_factory=dict)
    billing_address: dict = field(default_factory=dict)
    shipping_method_code: str = ""
    shipping_method_label: str = ""
    payment_gateway: str = ""
    locale: str = "en"
    idempotency_key: str | None = None


def _money(value, what: str) -> Decimal:
    try:
        amount = Decimal(str(value)).quantize(CENT)
    except ArithmeticError as error:
        raise InvalidOrder(f"{what} is not an amount") from error
    if not amount.is_finite() or amount < 0:
        raise InvalidOrder(f"{what} must be zero or more")
    return amount


def _validate(data: NewOrder) -> None:
    if not data.lines:
        raise InvalidOrder("an order needs at least one line")
    if not data.email or "@" not in data.email:
        raise InvalidOrder("an order needs the customer's email address")
    if len(data.currency or "") != 3:
        raise InvalidOrder("currency must be a three-letter code")
    for line in data.lines:
        if not isinstance(line.quantity, int) or isinstance(line.quantity, bool) or line.quantity <= 0:
            raise InvalidOrder("quantities must be whole numbers above zero")
        if not line.title:
            raise InvalidOrder("every line needs a title")


def _build(store_id: int, data: NewOrder, key: str | None) -> Order:
    order = Order(
        store_id=store_id, customer_id=data.customer_id, email=data.email.strip().lower()[:254], status="open",
        payment_status="pending", fulfilment_status="unfulfilled",
        currency=data.currency.upper(), subtotal=_money(data.subtotal, "subtotal"),
        shipping_total=_money(data.shipping_total, "shipping"), tax_total=_money(data.tax_total, "tax"),
        total=_money(data.total, "total"), refunded_total=Decimal("0"), prices_include_tax=data.prices_include_tax,
        shipping_address=dict(data.shipping_address or {}), billing_address=dict(data.billing_address or {}),
        seller=seller_details(store_id), shipping_method_code=data.shipping_method_code[:40],
        shipping_method_label=data.shipping_method_label[:120],
        payment_gateway=data.payment_gateway[:40], locale=(data.locale or "en")[:8], idempotency_key=key,
        placed_at=utcnow())
    for line in data.lines:
        unit_price = _money(line.unit_price, "unit price")
        order.lines.append(OrderLine(
            store_id=store_id, variant_id=line.variant_id, sku=(line.sku or "")[:64], title=line.title[:255],
            quantity=line.quantity, unit_price=unit_price, tax_rate=_money(line.tax_rate, "tax rate"),
            line_total=(unit_price * line.quantity).quantize(CENT), inventory_item_id=line.inventory_item_id,
            fulfilled_quantity=0, cancelled_quantity=0, returned_quantity=0))
    return order


def _by_key(store_id: int, key: str) -> Order | None:
    return db.session.scalar(select(Order).where(Order.store_id == store_id, Order.idempotency_key == key))


def _insert(store_id: int, data: NewOrder, key: str | None, number: int) -> Order | None:
    """The new order, or None if one with the same idempotency key exists after all."""
    try:
        with db.session.begin_nested():
            order = _build(store_id, data, key)
            order.number = number
            db.session.add(order)
    except IntegrityError:
        if key is None:
            raise
        return None
    return order


def create_order(store_id: int, data: NewOrder, *, platform_id: int) -> Order:
    """A new pending order with the store's next number; the same idempotency key gives the same order."""
    _validate(data)
    key = (data.idempotency_key or "").strip()[:100] or None
    with store_scope(store_id):
        existing = _by_key(store_id, key) if key else None
        if existing is not None:
            return existing
        # Taking a number locks the store's counter until commit, so concurrent submissions of one
        # checkout queue here: the later ones then find the first one's order and give the number back.
        number = next_number(store_id)
        # Asked under the counter's lock, so concurrent orders count each other. Over the plan on a
        # `block` policy the shopper's order is still taken, and flagged for the merchant.
        within_plan = check_limit(store_id, "orders_per_month", adding=1).allowed
        order = None if key and _by_key(store_id, key) else _insert(store_id, data, key, number)
        if order is None:
            give_back(store_id, number)
            return _by_key(store_id, key)
        order.over_plan_limit = not within_plan
        timeline.record(order, "placed")
        db.session.flush()
        events.publish(OrderPlaced(platform_id=platform_id, store_id=store_id, order_id=order.id))
        return order
