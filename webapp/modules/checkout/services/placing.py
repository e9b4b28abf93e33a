"""Placing the order (one transaction: order, stock, cart, email) and paying it (after that commit).

The checkout row is locked first, so the same checkout submitted many times at once is placed
by exactly one request; the others wait, then find it placed and return its order. Stock is
taken with inventory's atomic decrement, which converts the cart's hold (services/stock.py): when
it runs out, SoldOut is raised and the caller rolls back, so no order is left behind.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from decimal import Decimal

from babel.numbers import format_currency, format_decimal
from sqlalchemy import select

from webapp.extensions import db
from webapp.framework.i18n import country_name
from webapp.modules.cart import services as carts
from webapp.modules.checkout.exceptions import (
    CheckoutError,
    EmptyCart,
    InvalidCheckoutData,
    NotFound,
    StepMissing,
)
from webapp.modules.checkout.models import CheckoutSession
from webapp.modules.checkout.services.pricing import Quote, quote
from webapp.modules.checkout.services.steps import gateway_choices, missing_step
from webapp.modules.checkout.services.stock import priced_cart, take_stock
from webapp.modules.customers import services as customers
from webapp.modules.messaging import services as messaging
from webapp.modules.orders import services as orders
from webapp.modules.payments import services as payments

log = logging.getLogger(__name__)
CONFIRMATION_EMAIL = "checkout/emails/order_confirmation"


@dataclass(frozen=True)
class PlaceResult:
    order: object
    created: bool  # False: this checkout had been placed already (a repeated submission)


@dataclass(frozen=True)
class PaymentOutcome:
    status: str  # the gateway's: succeeded | pending | failed | …
    message: str
    attempt: int

    @property
    def succeeded(self) -> bool:
        return self.status == "succeeded"


def lock_checkout(store_id: int, checkout_id: int) -> CheckoutSession:
    """The checkout, row-locked until the transaction ends, re-read from the database."""
    checkout = db.session.scalar(
        select(CheckoutSession).where(CheckoutSession.store_id == store_id, CheckoutSession.id == checkout_id)
        .with_for_update().execution_options(populate_existing=True))
    if checkout is None:
        raise NotFound(f"no checkout {checkout_id}")
    return checkout


def _new_order(checkout: CheckoutSession, totals: Quote, customer_id: int, language: str):
    lines = [orders.NewOrderLine(variant_id=line.variant_id, sku=line.sku, title=line.title,
                                 quantity=line.quantity, unit_price=line.unit_price, tax_rate=totals.tax_rate,
                                 inventory_item_id=line.inventory_item_id)
             for line in totals.lines]
    return orders.NewOrder(
        customer_id=customer_id, email=checkout.email, lines=lines, currency=totals.currency,
        subtotal=totals.subtotal, shipping_total=totals.shipping, tax_total=totals.tax_total, total=totals.total,
        prices_include_tax=totals.prices_include_tax, shipping_address=dict(checkout.shipping_address or {}),
        billing_address=dict(checkout.billing_address or checkout.shipping_address or {}),
        shipping_method_code=totals.shipping_method_code or "", shipping_method_label=totals.shipping_label,
        payment_gateway=checkout.gateway or "", locale=language, idempotency_key=checkout.idempotency_key)


def place_order(store_id: int, checkout_id: int, cart, *, platform_id: int, language: str,
                email_locale: str | None = None, store_name: str = "") -> PlaceResult:
    """Turn the checkout and the shopper's `cart` into a pending order; idempotent per checkout.

    `language` is the one product titles are ordered in; the confirmation email is written in
    `email_locale` (default: `language`).
    """
    checkout = lock_checkout(store_id, checkout_id)
    if checkout.is_placed:
        return PlaceResult(orders.get_order(store_id, checkout.order_id), created=False)
    step = missing_step(store_id, checkout)
    if step is not None:
        raise StepMissing(step)
    if cart is None:
        raise EmptyCart()
    totals = quote(store_id, checkout, priced_cart(store_id, cart, language))
    customer_id = checkout.customer_id or customers.find_or_create_guest(
        store_id, checkout.email, checkout.first_name, checkout.last_name).id
    order = orders.create_order(store_id, _new_order(checkout, totals, customer_id, language),
                                platform_id=platform_id)
    take_stock(store_id, order, totals.lines, cart)
    checkout.cart_id, checkout.customer_id = cart.id, customer_id
    checkout.status, checkout.order_id = "placed", order.id
    carts.clear_cart(store_id, cart)
    db.session.flush()
    _send_confirmation(store_id, checkout, order, totals, email_locale or language, store_name)
    return PlaceResult(order, created=True)


def _instructions(store_id: int, gateway: str | None) -> str:
    return next((str(choice.instructions or "") for choice in gateway_choices(store_id) if choice.code == gateway),
                "")


def _send_confirmation(store_id: int, checkout: CheckoutSession, order, totals: Quote, language: str,
                       store_name: str) -> None:
    def amount(value: Decimal) -> str:
        return format_currency(value, totals.currency, locale=language)

    address = checkout.shipping_address or {}
    context = {
        "order_number": order.number, "first_name": checkout.first_name, "store_name": store_name,
        "full_name": address.get("full_name", ""),
        "lines": [{"title": line.title, "quantity": line.quantity, "total": amount(line.line_total)}
                  for line in totals.lines],
        "subtotal": amount(totals.subtotal), "shipping": amount(totals.shipping),
        "tax": amount(totals.tax_total), "total": amount(totals.total),
        "tax_rate": format_decimal(totals.tax_rate, locale=language),
        "prices_include_tax": totals.prices_include_tax, "shipping_label": totals.shipping_label,
        "address": ", ".join([*(address.get(k, "") for k in ("street", "postal_code", "city")),
                              country_name(address.get("country"), locale=language)]),
        "payment_instructions": _instructions(store_id, checkout.gateway),
    }
    try:
        messaging.send_email(store_id, CONFIRMATION_EMAIL, checkout.email, context, locale=language)
    except messaging.MessagingError:
        # The order stands; the merchant sees the failure in the outbox log.
        log.exception("order confirmation for order %s of store %s not queued", order.id, store_id)


def pay_order(store_id: int, checkout_id: int, *, platform_id: int, attempt: int, card=None) -> PaymentOutcome:
    """Start payment attempt `attempt` of the placed checkout's order; a repeated attempt is not charged twice."""
    checkout = lock_checkout(store_id, checkout_id)
    if not checkout.is_placed:
        raise StepMissing("review")
    order = orders.get_order(store_id, checkout.order_id)
    if order is None:
        raise NotFound(f"order of checkout {checkout_id} is gone")
    if order.status != "open" or order.payment_status != "pending":
        if order.status == "cancelled" or order.payment_status in ("voided", "refunded"):
            raise CheckoutError(f"order {order.id} is {order.status}, payment {order.payment_status}")
        return PaymentOutcome("succeeded", "", checkout.payment_attempts)
    if not isinstance(attempt, int) or not 1 <= attempt <= checkout.payment_attempts + 1:
        raise InvalidCheckoutData({"attempt": "unknown payment attempt"})
    checkout.payment_attempts = max(checkout.payment_attempts, attempt)
    payment = payments.start_payment(store_id, platform_id=platform_id, order_id=order.id, amount=order.total,
                                     currency=order.currency, gateway=checkout.gateway,
                                     idempotency_key=f"{checkout.idempotency_key}-pay-{attempt}", card=card)
    checkout.payment_status = payment.status
    db.session.flush()
    return PaymentOutcome(payment.status, str(getattr(payment, "message", "") or ""), attempt)
