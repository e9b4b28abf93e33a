"""Invoices as documents: finding them for a merchant or an admin, and printing them to PDF.

A merchant sees only its own invoices on the platform; an admin those of the platforms it may see
(None: every platform). The PDF is WeasyPrint's rendering of the invoice's printable HTML, fetching
nothing from outside (no URL is ever followed: the styles arrive inline).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, or_, select

from webapp.extensions import db
from webapp.modules.billing.models import INVOICE_KINDS, INVOICE_STATUSES, Invoice

PER_PAGE = 25


@dataclass(frozen=True)
class InvoiceFilters:
    platform_id: int | None = None
    status: str = ""
    kind: str = ""
    term: str = ""  # an invoice number or the merchant's name (as on the invoice)
    issued_from: date | None = None
    issued_to: date | None = None  # inclusive


def merchant_invoices(merchant_id: int, platform_id: int, *, page: int = 1):
    """The merchant's invoices and credit notes on the platform, newest first, one page."""
    query = (select(Invoice).where(Invoice.merchant_id == merchant_id, Invoice.platform_id == platform_id)
             .order_by(Invoice.issued_at.desc(), Invoice.id.desc()))
    return db.paginate(query, page=page, per_page=PER_PAGE, error_out=False)


def merchant_invoice(merchant_id: int, platform_id: int, invoice_id: int) -> Invoice | None:
    """One of the merchant's invoices on the platform; None for anyone else's."""
    invoice = db.session.get(Invoice, invoice_id)
    if invoice is None or invoice.merchant_id != merchant_id or invoice.platform_id != platform_id:
        return None
    return invoice


def search_invoices(platform_ids, filters: InvoiceFilters, *, page: int = 1):
    """Invoices of the given platforms (None: all) matching `filters`, newest first, one page."""
    query = select(Invoice).order_by(Invoice.issued_at.desc(), Invoice.id.desc())
    if platform_ids is not None:
        query = query.where(Invoice.platform_id.in_(list(platform_ids)))
    if filters.platform_id is not None:
        query = query.where(Invoice.platform_id == filters.platform_id)
    if filters.status in INVOICE_STATUSES:
        query = query.where(Invoice.status == filters.status)
    if filters.kind in INVOICE_KINDS:
        query = query.where(Invoice.kind == filters.kind)
    if filters.issued_from is not None:
        query = query.where(Invoice.issued_at >= datetime.combine(filters.issued_from, time.min, UTC))
    if filters.issued_to is not None:
        query = query.where(Invoice.issued_at < datetime.combine(filters.issued_to + timedelta(days=1), time.min, UTC))
    term = filters.term.strip().lower()
    if term:
        pattern = "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        buyer_name = func.lower(Invoice.buyer["legal_name"].as_string())
        query = query.where(or_(func.lower(Invoice.number).like(pattern, escape="\\"),
                                buyer_name.like(pattern, escape="\\")))
    return db.paginate(query, page=page, per_page=PER_PAGE, error_out=False)


def admin_invoice(platform_ids, invoice_id: int) -> Invoice | None:
    """The invoice if it belongs to one of the given platforms (None: any)."""
    invoice = db.session.get(Invoice, invoice_id)
    if invoice is None or (platform_ids is not None and invoice.platform_id not in set(platform_ids)):
        return None
    return invoice


def credited_number(invoice: Invoice) -> str:
    """The number of the invoice a credit note credits ("" for an invoice)."""
    if invoice.credited_invoice_id is None:
        return ""
    return db.session.scalar(select(Invoice.number).where(Invoice.id == invoice.credited_invoice_id)) or ""


def _no_fetch(url: str, *args, **kwargs):
    raise ValueError(f"an invoice document fetches nothing ({url[:40]})")


def pdf_from_html(html: str) -> bytes:
    """The PDF of a printable HTML document (WeasyPrint; needs Pango on the machine)."""
    from weasyprint import HTML  # loads Pango: only when a PDF is asked for

    return HTML(string=html, url_fetcher=_no_fetch).write_pdf()
