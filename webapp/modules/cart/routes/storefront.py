"""The shopper's cart: page, mini-cart, add / change / remove (htmx fragments or full pages).

htmx writes answer with the changed fragment (the buy box on a product page, #cart-panel on the
cart page) and append the mini-cart with `hx-swap-oob`; without JavaScript they redirect (303).
A refused change answers 422 (404 for a line that is not in this cart) and changes nothing.
"""

from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from webapp.extensions import db
from webapp.framework.auth.access import personal, public
from webapp.framework.htmx import is_htmx
from webapp.modules.cart import services
from webapp.modules.cart import session as cart_session
from webapp.modules.cart.forms import AddToCartForm, QuantityForm
from webapp.modules.cart.services import CartError, LineNotFound
from webapp.modules.cart.views import MINI_CART, BuyBox, buy_box_response, cart_response

bp = Blueprint("cart_storefront", __name__)


@bp.get("/cart")
@public
@personal
def cart_show():
    return cart_response(cart_session.cart_view())


@bp.get("/cart/mini")
@public
@personal
def minicart_show():
    return render_template(MINI_CART, cart=cart_session.cart_view())


@bp.post("/cart/add")
@public
@personal
def line_add():
    variant_id, quantity = AddToCartForm().values()
    try:
        cart = cart_session.current_cart(create=True)
        line = services.add_item(g.store.id, cart, variant_id, quantity, language=cart_session.content_language())
    except CartError as error:
        cart_session.rollback()
        return _add_refused(variant_id, error)
    db.session.commit()
    if not is_htmx():
        flash(_("Added to cart."), "success")
        return redirect(url_for(".cart_show"), code=303)
    return _added(variant_id, line.id)


def _added(variant_id: int, line_id: int):
    cart = cart_session.cart_view(refresh=True)
    available = next((view.available for view in cart.lines if view.line_id == line_id), None)
    return buy_box_response(BuyBox.build(variant_id, available), cart, message=_("Added to cart."),
                            trigger="cart:line-added")


def _add_refused(variant_id, error: CartError):
    cart = cart_session.cart_view()
    if not is_htmx():
        return cart_response(cart, status=error.status_code, error=error.message)
    box = BuyBox.build(variant_id, error.details.get("available"), quantity=request.form.get("quantity", ""))
    return buy_box_response(box, cart, status=error.status_code, error=error.message)


@bp.post("/cart/lines/<int:line_id>")
@public
@personal
def line_update(line_id: int):
    quantity = QuantityForm().value()
    try:
        line = services.update_quantity(g.store.id, _cart_or_not_found(), line_id, quantity,
                                        language=cart_session.content_language())
    except CartError as error:
        return _refused(error, line_id)
    db.session.commit()
    if line is None:
        return _changed(_("The item was removed from your cart."), "cart:line-removed")
    return _changed(_("Your cart was updated."), "cart:line-updated")


@bp.post("/cart/lines/<int:line_id>/remove")
@public
@personal
def line_remove(line_id: int):
    try:
        services.remove_line(g.store.id, _cart_or_not_found(), line_id)
    except CartError as error:
        return _refused(error, line_id)
    db.session.commit()
    return _changed(_("The item was removed from your cart."), "cart:line-removed")


def _cart_or_not_found():
    cart = cart_session.current_cart()
    if cart is None:
        raise LineNotFound()
    return cart


def _refused(error: CartError, line_id: int):
    cart_session.rollback()
    return cart_response(cart_session.cart_view(), status=error.status_code, error=error.message,
                         error_line=line_id)


def _changed(message: str, trigger: str):
    if not is_htmx():
        flash(message, "success")
        return redirect(url_for(".cart_show"), code=303)
    return cart_response(cart_session.cart_view(refresh=True), trigger=trigger)
