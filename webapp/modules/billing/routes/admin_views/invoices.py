"""Admin → Billing → Invoices: every platform invoice the admin may see, with filters; one each as a
page, printable and PDF. Platform admins see only their platforms' invoices (any other id: 404)."""

from __future__ import annotations

from flask import Response, abort, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from webapp.framework.auth.access import permission_required
from webapp.framework.htmx import render
from webapp.framework.paging import page_number
from webapp.framework.routing.areas import RouteArea
from webapp.modules.billing import services
from webapp.modules.billing.views.invoices import (
    KIND_LABELS,
    STATUS_LABELS,
    admin_filters,
    document_html,
    invoice_rows,
    pdf_filename,
    printable_html,
)
from webapp.modules.tenancy import services as tenancy

area = RouteArea()
MANAGE = "billing.subscriptions.manage"


def _invoice_or_404(invoice_id: int):
    invoice = services.admin_invoice(current_user.admin_platform_ids, invoice_id)
    if invoice is None:
        abort(404)
    return invoice


@area.get("/invoices")
@permission_required(MANAGE)
def invoice_list():
    platforms = tenancy.platforms_for_admin(actor_id=current_user.id)
    shown, filters = admin_filters(request.args, platforms)
    page = services.search_invoices(current_user.admin_platform_ids, filters, page=page_number())
    args = shown.args()
    return render("billing/admin/invoices/index.html", "billing/admin/invoices/_table.html", page=page,
                  rows=invoice_rows(page.items), filters=shown, platforms=platforms,
                  platform_names={p.id: p.name for p in platforms}, status_labels=STATUS_LABELS,
                  kind_labels=KIND_LABELS, page_url=lambda n: url_for("billing_admin.invoice_list", **args, page=n))


@area.get("/invoices/<int:invoice_id>")
@permission_required(MANAGE)
def invoice_show(invoice_id: int):
    invoice = _invoice_or_404(invoice_id)
    merchant_visible = tenancy.get_merchant_for_admin(invoice.merchant_id, actor_id=current_user.id) is not None
    return render("billing/admin/invoices/show.html", "billing/admin/invoices/show.html", invoice=invoice,
                  document=document_html(invoice), merchant_visible=merchant_visible,
                  title=_("Invoice %(number)s", number=invoice.number))


@area.get("/invoices/<int:invoice_id>/print")
@permission_required(MANAGE)
def invoice_print(invoice_id: int):
    return printable_html(_invoice_or_404(invoice_id))


@area.get("/invoices/<int:invoice_id>/pdf")
@permission_required(MANAGE)
def invoice_pdf(invoice_id: int):
    invoice = _invoice_or_404(invoice_id)
    pdf = services.pdf_from_html(printable_html(invoice, for_pdf=True))
    return Response(pdf, mimetype="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{pdf_filename(invoice)}"'})
