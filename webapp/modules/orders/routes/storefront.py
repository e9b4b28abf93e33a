"""Storefront: a signed-in customer's order and its printable invoice."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, g, redirect, render_template, url_for

from webapp.framework.auth.access import personal, public
from webapp.framework.routing.urls import current_path
from webapp.framework.templating import static_url
from webapp.modules.orders import services
from webapp.modules.orders.badges import order_badges
from webapp.modules.orders.detail import parcels
from webapp.modules.orders.services import peers
from webapp.modules.orders.views import address_lines, invoice_context, payment_instructions

bp = Blueprint("orders_storefront", __name__)
LOGIN_ENDPOINT = "customers_storefront.account_login"
ACCOUNT_ENDPOINT = "customers_storefront.account_show"


def _customer_order(number: int):
    """The signed-in customer's order `number`: sign in first; another customer's order is not found."""
    current_customer = peers.function(peers.customers(), "current_customer")
    customer = current_customer() if current_customer else None
    if customer is None:
        if LOGIN_ENDPOINT in current_app.view_functions:
            abort(redirect(url_for(LOGIN_ENDPOINT, next=current_path())))
        abort(404)
    order = services.get_by_number(g.store.id, number, with_details=True)
    if order is None or order.customer_id != customer.id:
        abort(404)
    return order


@bp.get("/account/orders/<int:number>")
@public
@personal
def order_show(number: int):
    order = _customer_order(number)
    return render_template(
        "orders/storefront/orders/show.html", order=order, badges=order_badges(order), parcels=parcels(order),
        payment_instructions=payment_instructions(order),
        shipping_lines=address_lines(order.shipping_address), billing_lines=address_lines(order.billing_address),
        stylesheet=static_url("orders.css", module="orders"),
        account_url=url_for(ACCOUNT_ENDPOINT) if ACCOUNT_ENDPOINT in current_app.view_functions else None)


@bp.get("/account/orders/<int:number>/invoice")
@public
@personal
def order_invoice(number: int):
    return render_template("orders/storefront/orders/invoice.html", **invoice_context(_customer_order(number)))
