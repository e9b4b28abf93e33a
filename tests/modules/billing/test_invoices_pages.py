"""Invoice pages: Store → Billing → Invoices (the merchant's own only) and Admin → Billing → Invoices
(filters; platform admins only their platforms), each with the document, its printable page and PDF."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.modules.tenancy.admin_helpers import loyalty_admin
from webapp.extensions import db
from webapp.modules.billing.services import LineDraft, issue_invoice


@pytest.fixture
def invoices(app, demo, tiers):
    """Two invoices of acme's merchant (main), one of bistro's (loyalty), one credit note of acme's."""
    with app.test_request_context():
        acme = issue_invoice(demo.main.id, demo.acme.merchant_id, [LineDraft("Professional plan", 7900, 7900)],
                             key="page:acme:1")
        acme_paid = issue_invoice(demo.main.id, demo.acme.merchant_id, [LineDraft("Professional plan", 7900, 7900)],
                                  key="page:acme:2")
        acme_paid.status = "paid"
        credit = issue_invoice(demo.main.id, demo.acme.merchant_id, [LineDraft("Refund", -7900, -7900)],
                               key="page:acme:credit", kind="credit_note", credited_invoice_id=acme.id)
        bistro = issue_invoice(demo.loyalty.id, demo.bistro.merchant_id, [LineDraft("Essential plan", 2900, 2900)],
                               key="page:bistro:1")
        db.session.commit()
        return {"acme": acme.id, "acme_paid": acme_paid.id, "credit": credit.id, "bistro": bistro.id,
                "numbers": {"acme": acme.number, "acme_paid": acme_paid.number, "credit": credit.number,
                            "bistro": bistro.number}}


def _number(invoices, name):
    return invoices["numbers"][name]


def test_the_store_lists_its_merchants_invoices_only(client, demo, login_as, invoices):
    login_as(demo.owner)
    response = client.get("/store/acme/billing/invoices")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert _number(invoices, "acme") in page and _number(invoices, "credit") in page
    assert "€92.43" in page and "Credit note" in page
    assert f"/store/acme/billing/invoices/{invoices['bistro']}" not in page


def test_the_store_shows_an_invoice_its_printable_page_and_pdf(client, demo, login_as, invoices):
    login_as(demo.owner)
    base = f"/store/acme/billing/invoices/{invoices['acme']}"
    page = client.get(base)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert _number(invoices, "acme") in html and "Orion Commerce S.A." in html and "VAT 17 %" in html
    printable = client.get(f"{base}/print")
    assert printable.status_code == 200 and "<style nonce=" in printable.get_data(as_text=True)
    pdf = client.get(f"{base}/pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF-")
    assert f'filename="invoice-{_number(invoices, "acme")}.pdf"' in pdf.headers["Content-Disposition"]
    credit = client.get(f"/store/acme/billing/invoices/{invoices['credit']}").get_data(as_text=True)
    assert f"Credit note for invoice {_number(invoices, 'acme')}" in credit


def test_another_merchants_invoice_is_not_found_from_the_store(client, demo, login_as, invoices):
    login_as(demo.owner)
    for suffix in ("", "/print", "/pdf"):
        assert client.get(f"/store/acme/billing/invoices/{invoices['bistro']}{suffix}").status_code == 404
        assert client.get(f"/store/acme/billing/invoices/999999{suffix}").status_code == 404
    assert client.get("/store/acme/billing/invoices/not-a-number").status_code == 404
    assert client.get("/store/acme/billing/invoices", headers={"HX-Request": "true"}).status_code == 200


def test_the_store_pages_need_billing_view(client, demo, login_as, invoices):
    assert client.get("/store/acme/billing/invoices").status_code in (302, 303)  # anonymous: sign in
    login_as(demo.staff)  # a member without billing.view
    assert client.get("/store/acme/billing/invoices").status_code == 403
    assert client.get(f"/store/acme/billing/invoices/{invoices['acme']}/pdf").status_code == 403


def test_the_store_list_paginates_and_tolerates_bad_pages(client, demo, login_as, invoices):
    login_as(demo.owner)
    for page in ("0", "-1", "abc", "99999", "1" * 50):
        assert client.get(f"/store/acme/billing/invoices?page={page}").status_code == 200


def test_the_admin_lists_every_invoice_with_filters(client, demo, login_as, invoices):
    login_as(demo.admin)
    page = client.get("/admin/billing/invoices").get_data(as_text=True)
    assert all(number in page for number in invoices["numbers"].values())
    only_main = client.get("/admin/billing/invoices?platform=loyalty").get_data(as_text=True)
    assert _number(invoices, "bistro") in only_main and f"/admin/billing/invoices/{invoices['acme']}\"" not in only_main
    paid = client.get("/admin/billing/invoices?status=paid").get_data(as_text=True)
    assert f"/admin/billing/invoices/{invoices['acme_paid']}\"" in paid
    assert f"/admin/billing/invoices/{invoices['acme']}\"" not in paid
    credits = client.get("/admin/billing/invoices?kind=credit_note").get_data(as_text=True)
    assert f"/admin/billing/invoices/{invoices['credit']}\"" in credits
    assert f"/admin/billing/invoices/{invoices['bistro']}\"" not in credits
    by_number = client.get(f"/admin/billing/invoices?q={_number(invoices, 'bistro')}").get_data(as_text=True)
    assert f"/admin/billing/invoices/{invoices['bistro']}\"" in by_number
    # bistro's merchant name, as frozen on its invoice
    from webapp.modules.billing.models import Invoice
    with client.application.app_context():
        name = db.session.get(Invoice, invoices["bistro"]).buyer["legal_name"]
    by_name = client.get(f"/admin/billing/invoices?q={name[:6].lower()}").get_data(as_text=True)
    assert f"/admin/billing/invoices/{invoices['bistro']}\"" in by_name


def test_the_admin_date_range_and_bad_filters(client, demo, login_as, invoices):
    from webapp.modules.billing.models import Invoice
    with client.application.app_context():
        issued = db.session.get(Invoice, invoices["acme"]).issued_at.date()
    login_as(demo.admin)
    inside = client.get(f"/admin/billing/invoices?from={issued}&to={issued}").get_data(as_text=True)
    assert f"/admin/billing/invoices/{invoices['acme']}\"" in inside
    later = (issued + timedelta(days=1)).isoformat()
    after = client.get(f"/admin/billing/invoices?from={later}").get_data(as_text=True)
    assert f"/admin/billing/invoices/{invoices['acme']}\"" not in after and "No invoices found" in after
    for junk in ("from=2026-13-45", "to=yesterday", "status=bogus", "kind=%00", "platform=nope", "q=" + "x" * 5000,
                 "page=abc"):
        assert client.get(f"/admin/billing/invoices?{junk}").status_code == 200, junk
    partial = client.get("/admin/billing/invoices?status=open", headers={"HX-Request": "true"})
    assert partial.status_code == 200 and partial.get_data(as_text=True).lstrip().startswith('<div id="invoice-table">')


def test_the_admin_shows_an_invoice_and_its_pdf(client, demo, login_as, invoices):
    login_as(demo.admin)
    base = f"/admin/billing/invoices/{invoices['bistro']}"
    shown = client.get(base)
    assert shown.status_code == 200 and _number(invoices, "bistro") in shown.get_data(as_text=True)
    assert client.get(f"{base}/print").status_code == 200
    pdf = client.get(f"{base}/pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF-")
    assert client.get("/admin/billing/invoices/999999").status_code == 404


def test_a_platform_admin_sees_only_their_platforms_invoices(client, demo, login_as, invoices):
    login_as(loyalty_admin(demo))
    page = client.get("/admin/billing/invoices").get_data(as_text=True)
    assert _number(invoices, "bistro") in page
    assert f"/admin/billing/invoices/{invoices['acme']}\"" not in page
    assert client.get("/admin/billing/invoices?platform=main").status_code == 200
    assert f"/admin/billing/invoices/{invoices['acme']}\"" not in client.get(
        "/admin/billing/invoices?platform=main").get_data(as_text=True)
    for suffix in ("", "/print", "/pdf"):
        assert client.get(f"/admin/billing/invoices/{invoices['acme']}{suffix}").status_code == 404
    assert client.get(f"/admin/billing/invoices/{invoices['bistro']}").status_code == 200


def test_the_admin_pages_need_the_permission(client, demo, login_as, invoices):
    assert client.get("/admin/billing/invoices").status_code in (302, 303)
    login_as(demo.owner)  # a merchant, not platform staff
    assert client.get("/admin/billing/invoices").status_code in (403, 404)
    assert client.get(f"/admin/billing/invoices/{invoices['acme']}").status_code in (403, 404)


def test_the_lists_run_as_many_queries_for_many_invoices_as_for_few(app, client, demo, login_as, invoices,
                                                                   count_queries):
    def queries(path: str) -> int:
        with count_queries() as statements:
            assert client.get(path).status_code == 200
        return len(statements)

    login_as(demo.admin)
    queries("/admin/billing/invoices")  # warm: caches of the first request
    admin_few = queries("/admin/billing/invoices")
    with app.test_request_context():
        for n in range(12):
            issue_invoice(demo.main.id, demo.acme.merchant_id, [LineDraft("Plan", 7900, 7900)], key=f"many:{n}")
        db.session.commit()
    assert queries("/admin/billing/invoices") == admin_few
    client.post("/auth/logout")
    login_as(demo.owner)
    queries("/store/acme/billing/invoices")
    store_many = queries("/store/acme/billing/invoices")
    with app.test_request_context():
        for n in range(12, 20):
            issue_invoice(demo.main.id, demo.acme.merchant_id, [LineDraft("Plan", 7900, 7900)], key=f"many:{n}")
        db.session.commit()
    assert queries("/store/acme/billing/invoices") == store_many
