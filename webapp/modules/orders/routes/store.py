"""Merchant dashboard: the order list, an order with its actions, the invoice and the packing slip."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from webapp.extensions import db
from webapp.framework.audit import audit
from webapp.framework.auth.access import permission_required
from webapp.framework.htmx import is_htmx, render
from webapp.framework.paging import page_number
from webapp.framework.templating import static_url
from webapp.modules.orders import services
from webapp.modules.orders.exceptions import OrderError, RefundError
from webapp.modules.orders.forms import (
    ActionForm,
    CancelForm,
    FulfilForm,
    NoteForm,
    OrderFilterForm,
    RefundForm,
    line_quantities,
)
from webapp.modules.orders.views import invoice_context, refusal_message
from webapp.modules.orders.views.badges import labels, merchant_badges
from webapp.modules.orders.views.detail import detail_context, fulfil_limits, line_inputs, restock_limits

bp = Blueprint("orders_store", __name__)

LIST_PAGE, LIST_PARTIAL = "orders/store/orders/index.html", "orders/store/orders/_list.html"
DETAIL_PAGE, DETAIL_PARTIAL = "orders/store/orders/show.html", "orders/store/orders/_detail.html"


@dataclass(frozen=True)
class FilterOption:
    value: str
    label: str
    count: int
    selected: bool


def _options(column: str, machine: str, chosen: str) -> list[FilterOption]:
    counts = services.status_counts(g.store.id, column)
    return [FilterOption(value, label, counts.get(value, 0), value == chosen)
            for value, label in labels(machine).items()]


def _order_or_404(order_id: int):
    order = services.get_order(g.store.id, order_id, with_details=True)
    if order is None:
        abort(404)
    return order


def _detail(order, *, status: int = 200, trigger: str | None = None, message: str = "", error: str = "", **forms):
    return render(DETAIL_PAGE, DETAIL_PARTIAL, status=status, trigger=trigger, message=message, error=error,
                  **detail_context(order, **forms))


def _run(order_id: int, verb: str, message: str, action, *, audited: dict | None = None, **arguments):
    """Apply an action; answer with the updated order (htmx) or a redirect, or the refusal (409/422).

    `audited` (what to keep of the action) records it in the audit log with the change."""
    try:
        action(g.store.id, order_id, actor_id=current_user.id, platform_id=g.store.platform_id, **arguments)
        if audited is not None:
            audit(f"orders.order.{verb}", target_type="order", target_id=order_id, after=audited)
    except OrderError as error:
        # A refused refund may have left gateway records (a failed or partial refund): keep them.
        if isinstance(error, RefundError):
            db.session.commit()
        else:
            db.session.rollback()
        # htmx swaps only 422 (base layout); a plain form post hears 409 for a refused step.
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
    query = (services.OrderQuery(form.payment.data or "", form.fulfilment.data or "", form.q.data or "")
             if valid else services.OrderQuery())
    page = services.search_orders(g.store.id, query, page=page_number())
    return render(LIST_PAGE, LIST_PARTIAL, form=form, query=query, page=page,
                  badges=merchant_badges, stylesheet=static_url("orders.css", module="orders"),
                  payment_options=_options("payment_status", "payment", query.payment),
                  fulfilment_options=_options("fulfilment_status", "fulfilment", query.fulfilment),
                  page_url=lambda n: url_for(".order_list", payment=query.payment or None,
                                             fulfilment=query.fulfilment or None, q=query.term or None, page=n))


@bp.get("/<int:order_id>")
@permission_required("orders.view")
def order_show(order_id: int):
    return _detail(_order_or_404(order_id))


@bp.post("/<int:order_id>/fulfil")
@permission_required("orders.fulfil")
def order_fulfil(order_id: int):
    order = _order_or_404(order_id)
    form = FulfilForm()
    quantities, errors = line_quantities(request.form, "ship", fulfil_limits(order))
    if not form.validate() or errors:
        rows = line_inputs(order, fulfil_limits(order), {**quantities, **_typed("ship", errors)}, errors,
                           default_full=True)
        return _detail(order, status=422, fulfil_form=form, fulfil_rows=rows)
    return _run(order.id, "fulfilled", _("Items marked as shipped. The customer gets an email."), services.fulfil,
                quantities=quantities, tracking_number=form.tracking_number.data or "",
                carrier=form.carrier.data or "")


def _typed(prefix: str, errors: dict[int, str]) -> dict[int, str]:
    # What was typed in a refused field, shown back as it was (bounded like the input).
    return {line_id: (request.form.get(f"{prefix}-{line_id}") or "")[:12] for line_id in errors}


@bp.post("/<int:order_id>/deliver")
@permission_required("orders.fulfil")
def order_deliver(order_id: int):
    order = _order_or_404(order_id)
    if not ActionForm().validate():
        return _detail(order, status=422)
    return _run(order.id, "delivered", _("Order marked as delivered."), services.mark_delivered)


@bp.post("/<int:order_id>/return")
@permission_required("orders.fulfil")
def order_return(order_id: int):
    order = _order_or_404(order_id)
    if not ActionForm().validate():
        return _detail(order, status=422)
    return _run(order.id, "returned", _("Order marked as returned."), services.mark_returned)


@bp.post("/<int:order_id>/cancel")
@permission_required("orders.manage")
def order_cancel(order_id: int):
    order = _order_or_404(order_id)
    form = CancelForm()
    if not form.validate():
        return _detail(order, status=422, cancel_form=form)
    return _run(order.id, "cancelled", _("Order cancelled."), services.cancel, reason=form.reason.data or "")


@bp.post("/<int:order_id>/close")
@permission_required("orders.manage")
def order_close(order_id: int):
    order = _order_or_404(order_id)
    if not ActionForm().validate():
        return _detail(order, status=422)
    return _run(order.id, "closed", _("Order closed."), services.close)


@bp.post("/<int:order_id>/refund")
@permission_required("orders.refund")
def order_refund(order_id: int):
    order = _order_or_404(order_id)
    form = RefundForm(maximum=order.refundable_amount, currency=order.currency)
    restock, errors = line_quantities(request.form, "restock", restock_limits(order))
    if not form.validate() or errors:
        rows = line_inputs(order, restock_limits(order), {**restock, **_typed("restock", errors)}, errors,
                           default_full=False)
        return _detail(order, status=422, refund_form=form, restock_rows=rows)
    return _run(order.id, "refunded", _("Refund sent to the payment provider."), services.refund,
                audited={"number": order.number, "amount": form.amount.data, "currency": order.currency,
                         "restock": restock},
                amount=form.amount.data, restock=restock)


@bp.post("/<int:order_id>/notes")
@permission_required("orders.fulfil")
def order_note(order_id: int):
    order = _order_or_404(order_id)
    form = NoteForm()
    if not form.validate():
        return _detail(order, status=422, note_form=form)
    return _run(order.id, "noted", _("Note added."), services.add_note, text=form.text.data)


@bp.get("/<int:order_id>/invoice")
@permission_required("orders.view")
def order_invoice(order_id: int):
    return render_template("orders/store/orders/invoice.html", **invoice_context(_order_or_404(order_id)))


@bp.get("/<int:order_id>/packing-slip")
@permission_required("orders.view")
def order_packing_slip(order_id: int):
    return render_template("orders/store/orders/packing_slip.html", **invoice_context(_order_or_404(order_id)))
