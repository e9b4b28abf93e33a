"""Fragments the orders module renders into other modules' pages (template slots)."""

from __future__ import annotations

from flask import g, render_template

from webapp.framework.auth.access import has_permission
from webapp.modules.orders import services
from webapp.modules.orders.views import status_badge

SLOT_SIZE = 10


def account_orders(customer=None, **_context) -> str:
    """Storefront account page: the signed-in customer's latest orders."""
    if customer is None or g.get("store") is None:
        return ""
    page = services.orders_of_customer(g.store.id, customer.id, page=1, per_page=SLOT_SIZE)
    if not page.items:
        return ""  # the account page shows its own "no orders yet"
    return render_template("orders/storefront/orders/_account.html", orders=page.items, total=page.total,
                           badge=status_badge)


def customer_orders(customer=None, **_context) -> str:
    """Merchant's customer page: that customer's latest orders, linked to their details."""
    if customer is None or g.get("store") is None or not has_permission("orders.view"):
        return ""
    page = services.orders_of_customer(g.store.id, customer.id, page=1, per_page=SLOT_SIZE)
    return render_template("orders/store/customers/_orders.html", orders=page.items, total=page.total,
                           badge=status_badge)
