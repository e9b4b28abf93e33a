"""Storefront: a signed-in customer's order and its printable invoice."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, g, make_response, redirect, render_template, url_for

from webapp.framework.auth.access import public
from webapp.framework.routing.urls import current_path
from webapp.modules.orders import services
from webapp.modules.orders.badges import order_badges
from webapp.modules.orders.detail import parcels
from webapp.modules.orders.services import peers
from webapp.modules.orders.views import address_lines, asset_url, invoice_context, payment_instructions

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


def _private(html: str):
    # Personal data: never kept by a browser or a shared cache.
    response = make_response(html)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/account/orders/<int:number>")
@public
def order_show(number: int):
    order = _customer_order(number)
    return _private(render_template(
        "orders/storefront/orders/show.html", order=order, badges=order_badges(order), parcels=parcels(order),
        payment_instructions=payment_instructions(order),
        shipping_lines=address_lines(order.shipping_address), billing_lines=address_lines(order.billing_address),
        stylesheet=asset_url("orders.css"),
        account_url=url_for(ACCOUNT_ENDPOINT) if ACCOUNT_ENDPOINT in current_app.view_functions else None))


@bp.get("/account/orders/<int:number>/invoice")
@public
def order_invoice(number: int):
    return _private(render_template("orders/storefront/orders/invoice.html",
                                    **invoice_context(_customer_order(number))))
