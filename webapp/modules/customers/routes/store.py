"""The merchant's customer pages: list with search and segments, detail, edit, delete, CSV export."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, Response, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from webapp.extensions import db
from webapp.framework.auth.access import has_permission, may_change, permission_required, personal
from webapp.framework.htmx import render
from webapp.framework.paging import page_number
from webapp.modules.customers import services
from webapp.modules.customers.exceptions import DuplicateEmail
from webapp.modules.customers.forms import CustomerEditForm, CustomerSearchForm
from webapp.modules.customers.views import customer_rows, segment_labels

bp = Blueprint("customers_store", __name__)

T = "customers/store/customers/"


def _filters() -> tuple[str, str]:
    form = CustomerSearchForm(request.args)
    if not form.validate():
        return "", "all"
    return form.q.data or "", form.segment.data or "all"


def _customer_or_404(customer_id: int):
    customer = services.get_customer(g.store.id, customer_id)
    if customer is None:
        abort(404)
    return customer


@bp.get("/")
@permission_required("customers.view")
def customer_list():
    term, segment = _filters()
    page = services.search_customers(g.store.id, term, segment, page=page_number())
    return render(T + "index.html", T + "_table.html", page=page, rows=customer_rows(page.items), term=term,
                  segment=segment, segments=segment_labels(), counts=services.segment_counts(g.store.id),
                  can_export=has_permission("customers.export"),
                  page_url=lambda n: url_for(".customer_list", q=term or None,
                                             segment=segment if segment != "all" else None, page=n))


@bp.get("/export.csv")
@permission_required("customers.export")
@personal
def customer_export():
    term, segment = _filters()
    body = services.export_customers_csv(g.store.id, term, segment)
    filename = f"customers-{g.store.code}-{date.today().isoformat()}.csv"
    return Response(body, mimetype="text/csv", headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@bp.get("/<int:customer_id>")
@permission_required("customers.view")
def customer_show(customer_id: int):
    customer = _customer_or_404(customer_id)
    return render_template(T + "show.html", customer=customer, row=customer_rows([customer])[0],
                           addresses=services.list_addresses(g.store.id, customer.id),
                           can_manage=may_change("customers.manage"))


@bp.route("/<int:customer_id>/edit", methods=["GET", "POST"])
@permission_required("customers.manage")
def customer_edit(customer_id: int):
    customer = _customer_or_404(customer_id)
    form = CustomerEditForm(obj=customer)
    if form.validate_on_submit():
        try:
            services.update_profile(g.store.id, customer.id, services.Profile(
                first_name=form.first_name.data or "", last_name=form.last_name.data or "",
                phone=form.phone.data or "", accepts_marketing=form.accepts_marketing.data, email=form.email.data))
        except DuplicateEmail:
            form.email.errors.append(_("Another customer of this store already uses this email address."))
        else:
            db.session.commit()
            flash(_("The customer is saved."), "success")
            return redirect(url_for(".customer_show", customer_id=customer.id), code=303)
    return render_template(T + "edit.html", customer=customer, form=form), 422 if form.errors else 200


@bp.post("/<int:customer_id>/delete")
@permission_required("customers.manage")
def customer_delete(customer_id: int):
    customer = _customer_or_404(customer_id)
    services.erase_customer(g.store.id, customer.id)
    db.session.commit()
    flash(_("The customer and their addresses are deleted."), "info")
    return redirect(url_for(".customer_list"), code=303)
