"""Storefront checkout: contact & address → delivery → payment → review → confirmation.

Each step is a page that includes its partial (#checkout-step); htmx posts swap only the step,
plain posts redirect (303) to the next step, so everything works without JavaScript too.
Nothing changes on GET: the checkout row is created by the first step's POST.
"""

from __future__ import annotations

from flask import Blueprint, request

from webapp.framework.auth.access import personal, public
from webapp.modules.checkout import flow, ordering
from webapp.modules.checkout.forms import PayAgainForm
from webapp.modules.checkout.views import step_url

bp = Blueprint("checkout_storefront", __name__)



@bp.get("/checkout")
@public
@personal
def start():
    """From the cart to the first step that still needs something."""
    return flow.guarded("contact", lambda ctx: flow.redirect_to(step_url(ctx.missing or "review")))


@bp.get("/checkout/contact")
@public
@personal
def contact_show():
    return flow.guarded("contact", flow.show_contact)


@bp.post("/checkout/contact")
@public
@personal
def contact_save():
    return flow.guarded("contact", flow.save_contact)


@bp.get("/checkout/shipping")
@public
@personal
def shipping_show():
    return flow.guarded("shipping", flow.show_shipping)


@bp.post("/checkout/shipping")
@public
@personal
def shipping_save():
    return flow.guarded("shipping", flow.save_shipping)


@bp.get("/checkout/payment")
@public
@personal
def payment_show():
    return flow.guarded("payment", flow.show_payment)


@bp.post("/checkout/payment")
@public
@personal
def payment_save():
    return flow.guarded("payment", flow.save_payment)


@bp.get("/checkout/review")
@public
@personal
def review_show():
    return flow.guarded("review", flow.review_page)


@bp.post("/checkout/place")
@public
@personal
def order_place():
    return ordering.submitted(request.form.get("idempotency_key", ""))


@bp.get("/checkout/complete/<token>")
@public
@personal
def complete_show(token: str):
    return ordering.complete_page(ordering.placed_or_404(token))


@bp.post("/checkout/complete/<token>/pay")
@public
@personal
def payment_retry(token: str):
    return ordering.pay_again(ordering.placed_or_404(token), PayAgainForm())
