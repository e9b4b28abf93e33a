"""Issuing platform invoices: consecutive numbers, VAT per the buyer, lines frozen, once per key."""

from decimal import Decimal

from webapp.extensions import db
from webapp.modules.billing.services import LineDraft, issue_invoice, prorated


def test_proration_is_by_day_and_rounded_to_the_cent():
    # Day 15 of a 31-day period: 17 days left.
    assert prorated(2900, 17, 31) == 1590  # 1590.32
    assert prorated(7900, 17, 31) == 4332  # 4332.26
    assert prorated(1, 1, 2) == 1  # half a cent rounds up


def test_numbers_are_consecutive_per_platform_and_year_and_a_key_issues_once(app, demo, tiers):
    with app.test_request_context():
        line = [LineDraft("Professional, December", 7900, 7900)]
        first = issue_invoice(demo.main.id, demo.acme.merchant_id, line, key="test:1")
        second = issue_invoice(demo.main.id, demo.acme.merchant_id, line, key="test:2")
        again = issue_invoice(demo.main.id, demo.acme.merchant_id, line, key="test:1")
        other = issue_invoice(demo.loyalty.id, demo.bistro.merchant_id, line, key="test:3")
        db.session.commit()
        year = first.issued_at.year
        assert (first.number, second.number) == (f"{year}-000001", f"{year}-000002")
        assert again.id == first.id and other.number == f"{year}-000001"


def test_a_domestic_merchant_pays_the_platforms_vat(app, demo, tiers):
    with app.test_request_context():
        invoice = issue_invoice(demo.main.id, demo.acme.merchant_id, [LineDraft("Plan", 7900, 7900)], key="vat:1")
        assert invoice.vat_treatment == "domestic" and invoice.vat_rate == Decimal(17)
        assert (invoice.subtotal_cents, invoice.vat_cents, invoice.total_cents) == (7900, 1343, 9243)


def test_an_eu_business_elsewhere_is_reverse_charged(app, demo, tiers):
    from webapp.modules.tenancy.services import BusinessDetails, update_business_details

    with app.test_request_context():
        update_business_details(demo.acme.merchant_id, BusinessDetails("Acme GmbH", "DE123456789", country="DE"))
        invoice = issue_invoice(demo.main.id, demo.acme.merchant_id, [LineDraft("Plan", 7900, 7900)], key="vat:2")
        assert invoice.vat_treatment == "reverse_charge" and invoice.vat_cents == 0 and invoice.total_cents == 7900
        assert invoice.vies_valid is True and invoice.vies_checked_at is not None
