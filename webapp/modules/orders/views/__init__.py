"""View models of order pages: labels, allowed actions, timeline sentences, addresses, VAT figures.

Computed here so templates only present them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from flask import url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from webapp.framework.auth.access import has_permission, may_change
from webapp.framework.i18n import country_name, money
from webapp.framework.templating import static_url
from webapp.modules.orders.exceptions import InvalidTransition, RefundError
from webapp.modules.orders.models import Order, OrderActivity
from webapp.modules.orders.services.refunds import CAPTURED
from webapp.modules.orders.services.states import available_actions
from webapp.modules.orders.views.badges import StatusBadge, labels, order_badges
from webapp.modules.payments import services as payments
from webapp.modules.tenancy.services import seller_details, user_names

CUSTOMER_ENDPOINT = "customers_store.customer_show"
CENT = Decimal("0.01")
# Each action and the permission it needs (states.available_actions says whether the order allows it).
PERMISSIONS = {"fulfil": "orders.fulfil", "mark_delivered": "orders.fulfil", "mark_returned": "orders.fulfil",
               "refund": "orders.refund", "cancel": "orders.manage", "close": "orders.manage",
               "add_note": "orders.fulfil"}


@dataclass(frozen=True)
class OrderActions:
    """Which action forms the detail page shows: allowed by the order's states and permitted to this user."""

    allowed: frozenset[str] = frozenset()

    def __getattr__(self, name: str) -> bool:
        # actions.can_fulfil, actions.can_refund, … for the templates
        if name.startswith("can_"):
            return name[4:] in self.allowed
        raise AttributeError(name)

    @property
    def any(self) -> bool:
        return bool(self.allowed - {"add_note"})


def order_actions(order: Order, rows: list[PaymentRow]) -> OrderActions:
    """The actions the merchant may take; a refund needs a captured payment with something left to refund."""
    captured = any(p.refundable > 0 for p in rows)
    allowed = {action for action in available_actions(order) if may_change(PERMISSIONS[action])}
    if not (captured and order.refundable_amount > 0):
        allowed.discard("refund")
    return OrderActions(frozenset(allowed))


@dataclass(frozen=True)
class TimelineEntry:
    when: datetime
    text: str
    note: str
    actor: str
    is_note: bool = False


def _sentence(activity: OrderActivity, currency: str) -> str:
    data = activity.data or {}

    def amount(key: str = "amount") -> str:
        try:
            return money(Decimal(data.get(key) or "0"), data.get("currency") or currency)
        except ArithmeticError:
            return data.get(key, "")

    sentences = {
        "placed": lambda: _("Order placed."),
        "paid": lambda: _("Payment of %(amount)s received.", amount=amount()),
        "payment_mismatch": lambda: _("A payment of %(amount)s did not match the order total of %(expected)s: "
                                      "the order stays pending.", amount=amount(), expected=amount("expected")),
        "payment_unexpected": lambda: _("A payment of %(amount)s arrived for an order that can no longer be paid "
                                        "(%(status)s). Check it with your payment provider.", amount=amount(),
                                        status=_state_label(data.get("status", ""))),
        "processing": lambda: _("Preparation started."),
        "shipped": lambda: _shipped(data),
        "partially_fulfilled": lambda: _shipped(data),
        "fulfilled": lambda: _shipped(data),
        "delivered": lambda: _("Delivered."),
        "returned": lambda: _("Returned by the customer."),
        "cancelled": lambda: _("Order cancelled."),
        "closed": lambda: _("Order closed: it is complete."),
        "note": lambda: _("Note"),
        "partially_refunded": lambda: _refunded(amount(), data, full=False),
        "refunded": lambda: _refunded(amount(), data, full=True),
        "refund_incomplete": lambda: _("%(amount)s could not be refunded: the payment gateway refused it.",
                                       amount=amount("missing")),
    }
    return sentences[activity.kind]() if activity.kind in sentences else activity.kind


def _state_label(status: str) -> str:
    for machine in ("order", "payment", "fulfilment"):
        if status in labels(machine):
            return labels(machine)[status]
    return status


def _count(value) -> int:
    return int(value) if str(value).isdigit() else 0


def _shipped(data: dict) -> str:
    items, tracking, carrier = _count(data.get("items")), data.get("tracking_number", ""), data.get("carrier", "")
    if not items:
        return _("Shipped.")
    if tracking and carrier:
        return ngettext("%(num)d item shipped with %(carrier)s, tracking number %(number)s.",
                        "%(num)d items shipped with %(carrier)s, tracking number %(number)s.", items,
                        carrier=carrier, number=tracking)
    if tracking:
        return ngettext("%(num)d item shipped, tracking number %(number)s.",
                        "%(num)d items shipped, tracking number %(number)s.", items, number=tracking)
    return ngettext("%(num)d item shipped.", "%(num)d items shipped.", items)


def _refunded(amount: str, data: dict, *, full: bool) -> str:
    refunded = (_("%(amount)s refunded: the order is now fully refunded.", amount=amount) if full
                else _("%(amount)s refunded.", amount=amount))
    restocked = _count(data.get("restocked"))
    if not restocked:
        return refunded
    # Two sentences, each translated whole.
    return " ".join((refunded, ngettext("%(num)d item put back in stock.", "%(num)d items put back in stock.",
                                        restocked)))


def _actor(activity: OrderActivity, names: dict[int, str]) -> str:
    if activity.actor_user_id is None:
        return ""
    if current_user.is_authenticated and getattr(current_user, "id", None) == activity.actor_user_id:
        return _("by you")
    name = names.get(activity.actor_user_id)
    return _("by %(name)s", name=name) if name else _("by a team member")


def timeline_entries(order: Order) -> list[TimelineEntry]:
    """The order's history, newest first; notes name their author."""
    names = user_names(a.actor_user_id for a in order.activities)  # one query for every author
    return [TimelineEntry(a.created_at, _sentence(a, order.currency), a.message, _actor(a, names), a.kind == "note")
            for a in sorted(order.activities, key=lambda a: (a.created_at, a.id), reverse=True)]


@dataclass(frozen=True)
class PaymentRow:
    gateway: str
    status: StatusBadge
    amount: Decimal
    refunded: Decimal
    refundable: Decimal  # what the gateway could still give back


def payment_badge(status: str) -> StatusBadge:
    shown = {"pending": (_("Pending"), "warning"), "succeeded": (_("Succeeded"), "success"),
              "failed": (_("Failed"), "danger"), "refunded": (_("Refunded"), "info"),
              "partially_refunded": (_("Partially refunded"), "warning")}
    label, kind = shown.get(status, (status, "info"))
    return StatusBadge(label, kind)


def payment_rows(order: Order) -> list[PaymentRow]:
    """The order's payments as the payments module records them."""
    rows = []
    for payment in payments.payments_for_order(order.store_id, order.id):
        refunded = payment.refunded_amount or Decimal("0")
        refundable = payment.amount - refunded if payment.status in CAPTURED else Decimal("0")
        rows.append(PaymentRow(method_label(payment.gateway), payment_badge(payment.status), payment.amount, refunded,
                               refundable))
    return rows


def method_label(code: str | None) -> str:
    """A payment method by its name, not its code."""
    return payments.gateway_label(code)


def address_lines(address: dict | None) -> list[str]:
    """An address as printed lines, whatever keys checkout stored (empty values skipped)."""
    address = address or {}

    def get(*keys: str) -> str:
        return next((str(address[k]).strip() for k in keys if address.get(k)), "")

    town = " ".join(part for part in (get("postal_code", "zip"), get("city")) if part)
    lines = [get("full_name", "name"), get("company"), get("street", "line1", "address1"),
             get("line2", "address2"), town, country_name(get("country")), get("phone")]
    return [line for line in lines if line]


@dataclass(frozen=True)
class VatRow:
    rate: Decimal | None  # None: VAT not tied to a line (shipping)
    base: Decimal
    vat: Decimal


def vat_rows(order: Order) -> list[VatRow]:
    """VAT per rate of the goods, plus the rest of the order's tax (shipping) if any."""
    gross: dict[Decimal, Decimal] = {}
    for line in order.lines:
        gross[line.tax_rate] = gross.get(line.tax_rate, Decimal("0")) + line.line_total
    rows = []
    for rate, amount in sorted(gross.items()):
        if order.prices_include_tax:
            vat = (amount * rate / (100 + rate)).quantize(CENT)
            rows.append(VatRow(rate, amount - vat, vat))
        else:
            rows.append(VatRow(rate, amount, (amount * rate / 100).quantize(CENT)))
    rest = order.tax_total - sum((row.vat for row in rows), Decimal("0"))
    if rows and abs(rest) >= CENT and rest > 0:
        rows.append(VatRow(None, order.shipping_total, rest))
    return rows


def refusal_message(error) -> str:
    """What the merchant reads when an order action is refused."""
    if isinstance(error, InvalidTransition):
        return _("This step is not possible for this order any more. Its status is shown below.")
    reason = error.details.get("reason")
    if isinstance(error, RefundError):
        messages = {
            "amount": _("Enter an amount above zero."),
            "too_much": _("That is more than can still be refunded."),
            "no_payment": _("This order has no captured payment that could be refunded."),
            "gateway": _("The payment provider refused the refund. Nothing was refunded."),
            "incomplete": _("Only part of the amount could be refunded. The timeline shows what is missing."),
            "restock": _("You cannot put back more items than the order still has."),
        }
        return messages.get(reason, _("The refund could not be made."))
    if reason == "tracking":
        return _("Enter a tracking number of at most 64 characters.")
    if reason == "carrier":
        return _("Enter a carrier name of at most 60 characters.")
    if reason == "quantity":
        return _("Choose at least one item, and no more than is left to ship.")
    if reason == "note":
        return _("Write a note of at most 500 characters.")
    return _("This action could not be completed.")


def invoice_context(order: Order) -> dict:
    seller = order.seller or seller_details(order.store_id)  # orders placed before sellers were kept
    return {"order": order, "badges": order_badges(order), "vat": vat_rows(order),
            "seller_lines": address_lines(seller), "seller_vat": seller.get("vat_number", ""),
            "shipping_lines": address_lines(order.shipping_address),
            "billing_lines": address_lines(order.billing_address or order.shipping_address),
            "stylesheet": static_url("orders.css", module="orders")}


def customer_url(order: Order) -> str | None:
    """The merchant's page of the order's customer account, when there is one to show."""
    if order.customer_id is None or not has_permission("customers.view"):
        return None
    return url_for(CUSTOMER_ENDPOINT, customer_id=order.customer_id)


def payment_instructions(order: Order) -> str:
    """How to pay an open order still waiting for a manual payment (bank transfer): the checkout's text."""
    if order.status != "open" or order.payment_status != "pending":
        return ""
    choice = next((g for g in payments.available_gateways(order.store_id) if g.code == order.payment_gateway), None)
    return getattr(choice, "instructions", "") if choice is not None else ""
