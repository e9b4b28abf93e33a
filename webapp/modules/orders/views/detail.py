"""The merchant's order page: its view models and blank forms, in one place for every action's answer."""

from __future__ import annotations

from dataclasses import dataclass

from webapp.framework.templating import static_url
from webapp.modules.orders.forms import ActionForm, CancelForm, FulfilForm, NoteForm, RefundForm
from webapp.modules.orders.models import Order, OrderLine
from webapp.modules.orders.views import (
    address_lines,
    customer_url,
    method_label,
    order_actions,
    payment_rows,
    timeline_entries,
)
from webapp.modules.orders.views.badges import merchant_badges


@dataclass(frozen=True)
class LineInput:
    """One line of the fulfil or restock form: up to `limit`, pre-filled with `value`."""

    line: OrderLine
    limit: int
    value: int | str
    error: str = ""

    @property
    def name(self) -> str:
        return str(self.line.id)


@dataclass(frozen=True)
class ParcelRow:
    when: object
    carrier: str
    tracking_number: str
    items: list[tuple[str, int]]


def fulfil_limits(order: Order) -> dict[int, int]:
    return {line.id: line.to_fulfil for line in order.lines if line.to_fulfil > 0}


def restock_limits(order: Order) -> dict[int, int]:
    return {line.id: line.restockable for line in order.lines if line.restockable > 0}


def line_inputs(order: Order, limits: dict[int, int], values: dict[int, int | str] | None = None,
                errors: dict[int, str] | None = None, *, default_full: bool) -> list[LineInput]:
    """The form rows; a re-shown form keeps what was typed."""
    values, errors = values or {}, errors or {}
    return [LineInput(line, limits[line.id], values.get(line.id, limits[line.id] if default_full else 0),
                      errors.get(line.id, "")) for line in order.lines if line.id in limits]


def parcels(order: Order) -> list[ParcelRow]:
    titles = {line.id: line.title for line in order.lines}
    return [ParcelRow(f.created_at, f.carrier, f.tracking_number,
                      [(titles.get(item.line_id, ""), item.quantity) for item in f.lines])
            for f in order.fulfilments]


def detail_context(order: Order, *, fulfil_rows: list[LineInput] | None = None,
                   restock_rows: list[LineInput] | None = None, **forms) -> dict:
    """Everything _detail.html shows; `forms` replaces a blank form by the one that was submitted."""
    payments = payment_rows(order)
    blank = {"action_form": ActionForm(formdata=None), "fulfil_form": FulfilForm(formdata=None),
             "cancel_form": CancelForm(formdata=None), "note_form": NoteForm(formdata=None),
             "refund_form": RefundForm(formdata=None, maximum=order.refundable_amount, currency=order.currency)}
    return {
        "order": order, "badges": merchant_badges(order), "actions": order_actions(order, payments),
        "timeline": timeline_entries(order), "payments": payments, "customer_url": customer_url(order),
        "shipping_lines": address_lines(order.shipping_address), "parcels": parcels(order),
        "billing_lines": address_lines(order.billing_address), "payment_method": method_label(order.payment_gateway),
        "stylesheet": static_url("orders.css", module="orders"),
        "fulfil_rows": fulfil_rows if fulfil_rows is not None else line_inputs(order, fulfil_limits(order),
                                                                               default_full=True),
        "restock_rows": restock_rows if restock_rows is not None else line_inputs(order, restock_limits(order),
                                                                                  default_full=False),
        **{**blank, **forms},
    }
