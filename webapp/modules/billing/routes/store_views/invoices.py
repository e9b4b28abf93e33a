"""Store → Billing → Invoices: the merchant's platform invoices, one each as a page, printable and PDF.

Only the store's merchant's invoices on this platform: any other id answers 404.
"""

from __future__ import annotations

from flask import Response, abort, g, url_for
from flask_babel import gettext as _

from webapp.framework.auth.access import permission_required
from webapp.framework.htmx import render
from webapp.framework.paging import page_number
from webapp.framework.routing.areas import RouteArea
from webapp.modules.billing import services
from webapp.modules.billing.views.invoices import document_html, invoice_rows, pdf_filename, printable_html

area = RouteArea()
VIEW = "billing.view"


def _invoice_or_404(invoice_id: int):
    invoice = services.merchant_invoice(g.store.merchant_id, g.store.platform_id, invoice_id)
    if invoice is None:
        abort(404)
    return invoice


@area.get("/invoices")
@permission_required(VIEW)
def invoice_list():
    page = services.merchant_invoices(g.store.merchant_id, g.store.platform_id, page=page_number())
    return render("billing/store/invoices/index.html", "billing/store/invoices/_table.html", page=page,
                  rows=invoice_rows(page.items),
                  page_url=lambda n: url_for("billing_store.invoice_list", page=n))


@area.get("/invoices/<int:invoice_id>")
@permission_required(VIEW)
def invoice_show(invoice_id: int):
    invoice = _invoice_or_404(invoice_id)
    return render("billing/store/invoices/show.html", "billing/store/invoices/show.html", invoice=invoice,
                  document=document_html(invoice), title=_("Invoice %(number)s", number=invoice.number))


@area.get("/invoices/<int:invoice_id>/print")
@permission_required(VIEW)
def invoice_print(invoice_id: int):
    return printable_html(_invoice_or_404(invoice_id))


@area.get("/invoices/<int:invoice_id>/pdf")
@permission_required(VIEW)
def invoice_pdf(invoice_id: int):
    invoice = _invoice_or_404(invoice_id)
    pdf = services.pdf_from_html(printable_html(invoice, for_pdf=True))
    return Response(pdf, mimetype="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{pdf_filename(invoice)}"'})
