"""Merchant dashboard: the order list, an order with its actions, the printable invoice."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from webapp.extensions import db
from webapp.framework.auth.access import permission_required
from webapp.framework.htmx import is_htmx, render
from webapp.modules.orders import services
from webapp.modules.orders.exceptions import OrderError, RefundError
from webapp.modules.orders.forms import ActionForm, CancelForm, OrderFilterForm, RefundForm, ShipForm
from webapp.modules.orders.models import ORDER_STATUSES
from webapp.modules.orders.views import (
    address_lines,
    asset_url,
    customer_url,
    invoice_context,
    order_actions,
    page_number,
    payment_rows,
    refusal_message,
    status_badge,
    status_labels,
    timeline_entries,
)

bp = Blueprint("orders_store", __name__)

LIST_PAGE, LIST_PARTIAL = "orders/store/orders/index.html", "orders/store/orders/_list.html"
DETAIL_PAGE, DETAIL_PARTIAL = "orders/store/orders/show.html", "orders/store/orders/_detail.html"


@dataclass(frozen=True)
class StatusTab:
    label: str
    url: str
    count: int
    active: bool


def _tabs(query: services.OrderQuery) -> list[StatusTab]:
    counts = services.status_counts(g.store.id)
    labels = {"": _("All"), **status_labels()}
    return [StatusTab(labels[status], url_for(".order_list", status=status or None, q=query.term or None),
                      sum(counts.values()) if not status else counts.get(status, 0), status == query.status)
            for status in ("", *ORDER_STATUSES)]


def _order_or_404(order_id: int):
    order = services.get_order(g.store.id, order_id, with_details=True)
    if order is None:
        abort(404)
    return order


def _detail(order, *, status: int = 200, trigger: str | None = None, message: str = "", error: str = "",
            **forms):
    payments = payment_rows(order)
    blank = {"action_form": ActionForm(formdata=None), "ship_form": ShipForm(formdata=None),
             "cancel_form": CancelForm(formdata=None),
             "refund_form": RefundForm(formdata=None, maximum=order.refundable_amount, currency=order.currency)}
    return render(DETAIL_PAGE, DETAIL_PARTIAL, status=status, trigger=trigger, order=order,
                  badge=status_badge(order.status), actions=order_actions(order, payments),
                  timeline=timeline_entries(order), payments=payments, customer_url=customer_url(order),
                  shipping_lines=address_lines(order.shipping_address),
                  billing_lines=address_lines(order.billing_address), message=message, error=error,
                  stylesheet=asset_url("orders.css"), **{**blank, **forms})


def _run(order_id: int, verb: str, message: str, action, **arguments):
    """Apply a transition; answer with the updated order (htmx) or a redirect, or the refusal."""
    try:
        action(g.store.id, order_id, actor_id=current_user.id, platform_id=g.store.platform_id, **arguments)
    except OrderError as error:
        # A refused refund may have left gateway records (a failed or partial refund): keep them.
        if isinstance(error, RefundError):
            db.session.commit()
        else:
            db.session.rollback()
        return _detail(_order_or_404(order_id), status=422 if is_htmx() or error.status_code == 422 else 409,
                       error=refusal_message(error))
    db.session.commit()
    if not is_htmx():
        flash(message, "success")
        return redirect(url_for(".order_show", order_id=order_id), code=303)
    return _detail(_order_or_404(order_id), trigger=f"orders:order-{verb}", message=message)


@bp.get("/")
@permission_required("orders.view")
def order_list():
    form = OrderFilterForm(request.args)
    valid = form.validate()
    query = services.OrderQuery(form.status.data or "", form.q.data or "") if valid else services.OrderQuery()
    page = services.search_orders(g.store.id, query, page=page_number())
    return render(LIST_PAGE, LIST_PARTIAL, form=form, query=query, page=page, tabs=_tabs(query),
                  badge=status_badge, stylesheet=asset_url("orders.css"),
                  page_url=lambda n: url_for(".order_list", status=query.status or None, q=query.term or None,
                                             page=n))


@bp.get("/<int:order_id>")
@permission_required("orders.view")
def order_show(order_id: int):
    return _detail(_order_or_404(order_id))


@bp.post("/<int:order_id>/process")
@permission_required("orders.fulfil")
def order_process(order_id: int):
    order = _order_or_404(order_id)
    if not ActionForm().validate():
        return _detail(order, status=422)
    return _run(order.id, "processed", _("Preparation of the order started."), services.start_processing)


@bp.post("/<int:order_id>/ship")
@permission_required("orders.fulfil")
def order_ship(order_id: int):
    order = _order_or_404(order_id)
    form = ShipForm()
    if not form.validate():
        return _detail(order, status=422, ship_form=form)
    return _run(order.id, "shipped", _("Order marked as shipped. The customer gets an email with the tracking "
                                       "number."), services.ship, tracking_number=form.tracking_number.data)


@bp.post("/<int:order_id>/deliver")
@permission_required("orders.fulfil")
def order_deliver(order_id: int):
    order = _order_or_404(order_id)
    if not ActionForm().validate():
        return _detail(order, status=422)
    return _run(order.id, "delivered", _("Order marked as delivered."), services.mark_delivered)


@bp.post("/<int:order_id>/cancel")
@permission_required("orders.manage")
def order_cancel(order_id: int):
    order = _order_or_404(order_id)
    form = CancelForm()
    if not form.validate():
        return _detail(order, status=422, cancel_form=form)
    return _run(order.id, "cancelled", _("Order cancelled."), services.cancel, reason=form.reason.data or "")


@bp.post("/<int:order_id>/refund")
@permission_required("orders.refund")
def order_refund(order_id: int):
    order = _order_or_404(order_id)
    form = RefundForm(maximum=order.refundable_amount, currency=order.currency)
    if not form.validate():
        return _detail(order, status=422, refund_form=form)
    return _run(order.id, "refunded", _("Refund sent to the payment provider."), services.refund,
                amount=form.amount.data)


@bp.get("/<int:order_id>/invoice")
@permission_required("orders.view")
def order_invoice(order_id: int):
    return render_template("orders/store/orders/invoice.html", **invoice_context(_order_or_404(order_id)))
