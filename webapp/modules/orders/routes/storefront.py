"""Storefront: a signed-in customer's order and its printable invoice."""

from __future__ import annotations

from flask import Blueprint, abort, g, render_template, url_for

from webapp.framework.auth.access import personal, public
from webapp.framework.templating import static_url
from webapp.modules.customers.session import customer_required
from webapp.modules.orders import services
from webapp.modules.orders.views import address_lines, invoice_context, payment_instructions
from webapp.modules.orders.views.badges import order_badges
from webapp.modules.orders.views.detail import parcels

bp = Blueprint("orders_storefront", __name__)
ACCOUNT_ENDPOINT = "customers_storefront.account_show"


def _customer_order(customer, number: int):
    """The customer's order `number`; another customer's (or store's) order is not found."""
    order = services.get_by_number(g.store.id, number, with_details=True)
    if order is None or order.customer_id != customer.id:
        abort(404)
    return order


@bp.get("/account/orders/<int:number>")
@public
@personal
@customer_required
def order_show(customer, number: int):
    order = _customer_order(customer, number)
    return render_template(
        "orders/storefront/orders/show.html", order=order, badges=order_badges(order), parcels=parcels(order),
        payment_instructions=payment_instructions(order),
        shipping_lines=address_lines(order.shipping_address), billing_lines=address_lines(order.billing_address),
        stylesheet=static_url("orders.css", module="orders"), account_url=url_for(ACCOUNT_ENDPOINT))


@bp.get("/account/orders/<int:number>/invoice")
@public
@personal
@customer_required
def order_invoice(customer, number: int):
    return render_template("orders/storefront/orders/invoice.html",
                           **invoice_context(_customer_order(customer, number)))
