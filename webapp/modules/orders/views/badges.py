"""Labels and badge colours of the three order statuses (every kind's text meets 4.5:1 contrast)."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _

# "muted" is left out: its grey text is under 4.5:1 on its background.
KINDS = {
    "payment": {"pending": "warning", "authorized": "info", "paid": "success", "partially_refunded": "warning",
                "refunded": "info", "voided": "danger"},
    "fulfilment": {"unfulfilled": "warning", "partially_fulfilled": "warning", "fulfilled": "info",
                   "delivered": "success", "returned": "warning"},
    "order": {"open": "info", "cancelled": "danger", "closed": "success"},
}


def labels(machine: str) -> dict[str, str]:
    """Translated labels of one machine's statuses ("payment", "fulfilment" or "order")."""
    if machine == "payment":
        return {"pending": _("Payment pending"), "authorized": _("Authorized"), "paid": _("Paid"),
                "partially_refunded": _("Partially refunded"), "refunded": _("Refunded"), "voided": _("Voided")}
    if machine == "fulfilment":
        return {"unfulfilled": _("Unfulfilled"), "partially_fulfilled": _("Partially fulfilled"),
                "fulfilled": _("Fulfilled"), "delivered": _("Delivered"), "returned": _("Returned")}
    return {"open": _("Open"), "cancelled": _("Cancelled"), "closed": _("Closed")}


@dataclass(frozen=True)
class StatusBadge:
    label: str
    kind: str


def badge(machine: str, status: str) -> StatusBadge:
    return StatusBadge(labels(machine).get(status, status), KINDS[machine].get(status, "info"))


def order_badges(order) -> list[StatusBadge]:
    """Payment and fulfilment badges ("Partially refunded · Fulfilled"), the order's own when not open."""
    shown = [badge("payment", order.payment_status), badge("fulfilment", order.fulfilment_status)]
    if order.status != "open":
        shown.insert(0, badge("order", order.status))
    return shown


def merchant_badges(order) -> list[StatusBadge]:
    """The status badges plus what only the merchant sees: an order taken beyond the store's plan."""
    shown = order_badges(order)
    if order.over_plan_limit:
        shown.append(StatusBadge(_("Over plan limit"), "danger"))
    return shown


def badges_text(order) -> str:
    return " · ".join(b.label for b in order_badges(order))
