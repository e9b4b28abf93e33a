"""What invoice pages and documents show: the document in the invoice's own language, money from cents,
status and kind labels, the admin list's filters.

The document (`billing/shared/invoice.html`) is the same on the store's and the admin's pages, in the
printable page and in the PDF; it is written in `Invoice.language`, whatever the reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from flask import render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from webapp.framework.i18n import country_name, format_date
from webapp.framework.list_filters import filter_choice, filter_text
from webapp.modules.billing.models import Invoice
from webapp.modules.billing.services import InvoiceFilters, credited_number
from webapp.modules.billing.views.money import cents

STATUS_LABELS = {"open": _l("Open"), "paid": _l("Paid"), "void": _l("Void"), "uncollectible": _l("Uncollectible")}
STATUS_BADGES = {"open": "warning", "paid": "success", "void": "muted", "uncollectible": "danger"}
KIND_LABELS = {"invoice": _l("Invoice"), "credit_note": _l("Credit note")}
# The legal mention of a reverse-charge invoice (the same words as vat.REVERSE_CHARGE_MENTION, translated).
REVERSE_CHARGE = _l("Reverse charge: VAT to be accounted for by the recipient (Article 196, Directive 2006/112/EC).")
CSS_FILE = Path(__file__).resolve().parent.parent / "static" / "invoice.css"


@dataclass(frozen=True)
class DocumentLine:
    description: str
    detail: str  # "17 of 31 days" for a prorated line
    unit_price: str
    amount: str


@dataclass(frozen=True)
class InvoiceDocument:
    invoice: Invoice
    language: str
    title: str
    number: str
    issued_on: str
    due_on: str
    paid_on: str
    period: str
    seller_lines: tuple[str, ...]
    seller_vat: str
    buyer_lines: tuple[str, ...]
    buyer_vat: str
    lines: tuple[DocumentLine, ...]
    subtotal: str
    vat_label: str
    vat: str
    total: str
    mention: str  # reverse charge
    credit_of: str  # "Credit note for invoice 2026-000012"
    vat_note: str  # what the VAT number check said, when it decided the VAT
    status: str


def _address(party: dict, language: str) -> tuple[str, ...]:
    town = " ".join(part for part in (party.get("postal_code", ""), party.get("city", "")) if part)
    lines = (party.get("legal_name", ""), party.get("street", ""), town,
             country_name(party.get("country", ""), language))
    return tuple(line for line in lines if line)


def _vat_note(invoice: Invoice) -> str:
    checked = format_date(invoice.vies_checked_at.date()) if invoice.vies_checked_at else ""
    if invoice.vat_treatment == "reverse_charge" and invoice.vies_valid:
        reference = invoice.vies_reference
        return (_("VAT number confirmed by VIES on %(date)s (consultation %(reference)s).", date=checked,
                  reference=reference) if reference else
                _("VAT number confirmed by VIES on %(date)s.", date=checked))
    if invoice.vies_checked_at is not None and invoice.vies_valid is None:
        return _("VIES gave no answer on %(date)s: the VAT number could not be confirmed, so VAT is charged.",
                 date=checked)
    if invoice.vies_checked_at is not None and invoice.vies_valid is False:
        return _("VIES did not confirm the VAT number on %(date)s, so VAT is charged.", date=checked)
    if invoice.vat_treatment == "outside_eu":
        return _("Services to a customer outside the EU: no EU VAT.")
    return ""


def _line(line, currency: str) -> DocumentLine:
    detail = (_("%(days)s of %(total)s days", days=line.days, total=line.period_days)
              if line.days is not None and line.period_days else "")
    return DocumentLine(line.description, detail, cents(line.unit_price_cents, currency),
                        cents(line.amount_cents, currency))


def _document(invoice: Invoice) -> InvoiceDocument:
    currency, language = invoice.currency, invoice.language or "en"
    credit = invoice.kind == "credit_note"
    credited = credited_number(invoice) if credit else ""
    period = (_("%(start)s to %(end)s", start=format_date(invoice.period_start, "long"),
                end=format_date(invoice.period_end, "long")) if invoice.period_start and invoice.period_end else "")
    reverse = invoice.vat_treatment == "reverse_charge"
    return InvoiceDocument(
        invoice=invoice, language=language, title=str(KIND_LABELS.get(invoice.kind, KIND_LABELS["invoice"])),
        number=invoice.number, issued_on=format_date(invoice.issued_at, "long"),
        due_on=format_date(invoice.due_at, "long") if invoice.due_at else "",
        paid_on=format_date(invoice.paid_at, "long") if invoice.paid_at else "", period=period,
        seller_lines=_address(invoice.seller or {}, language), seller_vat=(invoice.seller or {}).get("vat_number", ""),
        buyer_lines=_address(invoice.buyer or {}, language), buyer_vat=(invoice.buyer or {}).get("vat_number", ""),
        lines=tuple(_line(line, currency) for line in invoice.lines),
        subtotal=cents(invoice.subtotal_cents, currency),
        vat_label=_("VAT %(rate)s %%", rate=_rate(invoice.vat_rate)), vat=cents(invoice.vat_cents, currency),
        total=cents(invoice.total_cents, currency), mention=str(REVERSE_CHARGE) if reverse else "",
        credit_of=_("Credit note for invoice %(number)s", number=credited) if credit and credited else "",
        vat_note=_vat_note(invoice), status=str(STATUS_LABELS.get(invoice.status, invoice.status)))


def _rate(rate) -> str:
    value = Decimal(rate or 0).normalize()
    return format(value, "f")


def document_html(invoice: Invoice) -> Markup:
    """The invoice document (its `<article>`), written in the invoice's language."""
    with force_locale(invoice.language or "en"):
        return Markup(render_template(  # noqa: S704 (autoescaped)  # nosec B704
            "billing/shared/invoice.html", doc=_document(invoice)))


def printable_html(invoice: Invoice, *, for_pdf: bool = False) -> str:
    """The whole printable page of the invoice (its styles inline), for the browser or for the PDF."""
    with force_locale(invoice.language or "en"):
        doc = _document(invoice)
        body = Markup(render_template("billing/shared/invoice.html", doc=doc))  # noqa: S704  # nosec B704
        return render_template("billing/shared/invoices/printable.html", doc=doc, document=body,
                               css=Markup(CSS_FILE.read_text()),  # noqa: S704 (our file)  # nosec B704
                               for_pdf=for_pdf)


def pdf_filename(invoice: Invoice) -> str:
    return f"{'credit-note' if invoice.kind == 'credit_note' else 'invoice'}-{invoice.number}.pdf"


@dataclass(frozen=True)
class InvoiceRow:
    id: int
    number: str
    kind: str
    issued_at: object
    period: str
    buyer: str
    total: str
    status: str
    status_badge: str
    platform_id: int
    credit: bool


def invoice_rows(invoices) -> list[InvoiceRow]:
    return [InvoiceRow(i.id, i.number, str(KIND_LABELS.get(i.kind, i.kind)), i.issued_at,
                       _("%(start)s to %(end)s", start=format_date(i.period_start), end=format_date(i.period_end))
                       if i.period_start and i.period_end else "", (i.buyer or {}).get("legal_name", ""),
                       cents(i.total_cents, i.currency), str(STATUS_LABELS.get(i.status, i.status)),
                       STATUS_BADGES.get(i.status, "muted"), i.platform_id, i.kind == "credit_note")
            for i in invoices]


def _date_arg(value) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        return None


@dataclass(frozen=True)
class AdminFilters:
    """The admin list's filters as read from the query string (anything unknown is dropped)."""

    platform: str
    status: str
    kind: str
    term: str
    issued_from: date | None
    issued_to: date | None

    def args(self) -> dict:
        return {"platform": self.platform or None, "status": self.status or None, "kind": self.kind or None,
                "q": self.term or None, "from": self.issued_from.isoformat() if self.issued_from else None,
                "to": self.issued_to.isoformat() if self.issued_to else None}

    @property
    def active(self) -> bool:
        return any(self.args().values())


def admin_filters(args, platforms) -> tuple[AdminFilters, InvoiceFilters]:
    codes = {p.code: p.id for p in platforms}
    platform = filter_choice(args.get("platform"), codes)
    shown = AdminFilters(platform, filter_choice(args.get("status"), STATUS_LABELS),
                         filter_choice(args.get("kind"), KIND_LABELS), filter_text(args.get("q")),
                         _date_arg(args.get("from")), _date_arg(args.get("to")))
    query = InvoiceFilters(codes.get(platform), shown.status, shown.kind, shown.term, shown.issued_from,
                           shown.issued_to)
    return shown, query
