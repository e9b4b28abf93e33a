"""Fragments the orders module renders into other modules' pages (template slots)."""

from __future__ import annotations

from dataclasses import dataclass

from flask import g, render_template, url_for

from webapp.framework.auth.access import has_permission
from webapp.framework.i18n import format_date, format_datetime, money
from webapp.modules.orders import services
from webapp.modules.orders.services import queries
from webapp.modules.orders.views.badges import StatusBadge, order_badges
from webapp.modules.tenancy.services import store_names

SLOT_SIZE = 10
RECENT_DAYS = 30


@dataclass(frozen=True)
class OrderRow:
    """One line of the short order tables both slots show (shopper and merchant)."""

    url: str
    number: int
    placed: str
    badges: list[StatusBadge]
    total: str


def _rows(orders, link, when) -> list[OrderRow]:
    return [OrderRow(link(order), order.number, when(order.placed_at), order_badges(order),
                     money(order.total, order.currency)) for order in orders]


def _shopper_link(order) -> str:
    return url_for("orders_storefront.order_show", number=order.number)


def _merchant_link(order) -> str:
    return url_for("orders_store.order_show", order_id=order.id)


def account_orders(customer=None, **_context) -> str:
    """Storefront account page: the signed-in customer's latest orders."""
    if customer is None or g.get("store") is None:
        return ""
    page = services.orders_of_customer(g.store.id, customer.id, page=1, per_page=SLOT_SIZE)
    if not page.items:
        return ""  # the account page shows its own "no orders yet"
    rows = _rows(page.items, _shopper_link, lambda at: format_date(at, "medium"))
    return render_template("orders/storefront/orders/_account.html", rows=rows, total=page.total)


def customer_orders(customer=None, **_context) -> str:
    """Merchant's customer page: that customer's latest orders, linked to their details."""
    if customer is None or g.get("store") is None or not has_permission("orders.view"):
        return ""
    page = services.orders_of_customer(g.store.id, customer.id, page=1, per_page=SLOT_SIZE)
    # The merchant's customer page is a working view: it shows the time too.
    rows = _rows(page.items, _merchant_link, lambda at: format_datetime(at, "short"))
    return render_template("orders/store/customers/_orders.html", rows=rows, total=page.total)


@dataclass(frozen=True)
class StoreOrders:
    name: str
    count: int


def merchant_orders(merchant_id=None, store_ids=(), **_context) -> str:
    """Admin's merchant page: orders of the last 30 days in each of the merchant's stores the admin sees."""
    if merchant_id is None or not store_ids:
        return ""
    since = queries.last_days(RECENT_DAYS)
    names = store_names(store_ids)
    rows = [StoreOrders(names[store_id], queries.orders_since(store_id, since)) for store_id in sorted(names)]
    return render_template("orders/admin/merchants/_orders.html", rows=rows, days=RECENT_DAYS,
                           total=sum(row.count for row in rows))
