"""Invoice documents: the printable HTML and the PDF (WeasyPrint) in the invoice's language, with the
frozen seller and buyer, the lines, the totals, the reverse-charge mention and a credit note's reference."""

from __future__ import annotations

import io

from pypdf import PdfReader

from webapp.extensions import db
from webapp.modules.billing.services import LineDraft, issue_invoice, pdf_from_html
from webapp.modules.billing.services.vat import REVERSE_CHARGE_MENTION
from webapp.modules.billing.views.invoices import REVERSE_CHARGE, document_html, printable_html


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def _german_business(demo):
    from webapp.modules.tenancy.services import BusinessDetails, update_business_details

    update_business_details(demo.acme.merchant_id, BusinessDetails("Acme GmbH", "DE123456789", street="Hauptstr. 1",
                                                                   postal_code="10115", city="Berlin", country="DE"))


def test_the_mention_is_the_legal_text(app):
    with app.test_request_context():
        assert str(REVERSE_CHARGE) == REVERSE_CHARGE_MENTION


def test_a_reverse_charge_pdf_carries_number_total_zero_vat_and_the_mention(app, demo, tiers):
    with app.test_request_context():
        _german_business(demo)
        invoice = issue_invoice(demo.main.id, demo.acme.merchant_id,
                                [LineDraft("Professional, monthly plan", 7900, 7900)], key="doc:rc")
        db.session.commit()
        pdf = pdf_from_html(printable_html(invoice, for_pdf=True))
    assert pdf.startswith(b"%PDF-") and len(PdfReader(io.BytesIO(pdf)).pages) == 1  # one A4 page
    text = _text(pdf)
    assert invoice.number in text
    assert "€79.00" in text  # subtotal and total: no VAT
    assert "VAT 0 %" in text and "Reverse charge: VAT to be accounted for by the recipient" in text
    assert "Article 196, Directive 2006/112/EC" in text
    assert "Acme GmbH" in text and "DE123456789" in text and "Berlin" in text  # the buyer as frozen
    assert "Orion Commerce S.A." in text and "LU10000356" in text  # the seller
    assert "VAT number confirmed by VIES" in text


def test_a_domestic_invoice_shows_the_vat_and_no_mention(app, demo, tiers):
    with app.test_request_context():
        invoice = issue_invoice(demo.main.id, demo.acme.merchant_id, [LineDraft("Plan", 7900, 7900)], key="doc:lu")
        db.session.commit()
        html = str(document_html(invoice))
        text = _text(pdf_from_html(printable_html(invoice, for_pdf=True)))
    assert "VAT 17 %" in html and "€13.43" in html and "€92.43" in html
    assert "Reverse charge" not in html
    assert "€92.43" in text and invoice.number in text


def test_prorated_lines_show_their_days_and_a_credit_note_names_its_invoice(app, demo, tiers):
    with app.test_request_context():
        lines = [LineDraft("Unused time on Essential", 2900, -1590, days=17, period_days=31),
                 LineDraft("Remaining time on Professional", 7900, 4332, days=17, period_days=31)]
        invoice = issue_invoice(demo.main.id, demo.acme.merchant_id, lines, key="doc:upgrade")
        credit = issue_invoice(demo.main.id, demo.acme.merchant_id, [LineDraft("Refund", -2742, -2742)],
                               key="doc:credit", kind="credit_note", credited_invoice_id=invoice.id)
        db.session.commit()
        html = str(document_html(invoice))
        credit_text = _text(pdf_from_html(printable_html(credit, for_pdf=True)))
    assert html.count("17 of 31 days") == 2 and "15.90" in html
    assert "€43.32" in html
    assert f"Credit note for invoice {invoice.number}" in credit_text
    assert "Credit note" in credit_text and credit.number in credit_text


def test_the_document_is_written_in_the_invoices_language(app, demo, tiers):
    with app.test_request_context():
        invoice = issue_invoice(demo.main.id, demo.acme.merchant_id, [LineDraft("Plan", 7900, 7900)],
                                key="doc:de", language="de")
        db.session.commit()
        html = str(document_html(invoice))
        page = printable_html(invoice)
    months = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
              "November", "Dezember")
    assert any(month in html for month in months)  # dates written in German
    assert "92,43" in html  # German number format
    assert '<html lang="de">' in page and 'lang="de"' in html
