"""The merchant's customer pages: list, search, segments, pagination, detail, edit, CSV export, access."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from tests.modules.customers.helpers import text
from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.customers.models import Address, Customer

URL = "/store/acme/customers/"


def add_customers(store, count: int, **fields) -> list[Customer]:
    with store_scope(store.id):
        customers = [Customer(store_id=store.id, email=f"{fields.get('prefix', 'c')}{n}@example.com",
                              first_name=f"First{n}", last_name="Last",
                              **{k: v for k, v in fields.items() if k != "prefix"}) for n in range(count)]
        db.session.add_all(customers)
        db.session.commit()
        return customers


@pytest.fixture
def owner(client, demo, login_as):
    login_as(demo.owner)
    return demo


@pytest.fixture
def crowd(demo):
    """One customer per segment on acme, and one bistro customer that must never show."""
    old = datetime.now(UTC) - timedelta(days=90)
    with store_scope(demo.acme.id):
        rows = {
            "new": Customer(store_id=demo.acme.id, email="new@example.com", first_name="Nina", last_name="New"),
            "returning": Customer(store_id=demo.acme.id, email="back@example.com", first_name="Rita",
                                  last_name="Return", orders_count=3, total_spent=Decimal("120"), created_at=old),
            "top": Customer(store_id=demo.acme.id, email="top@example.com", first_name="Tobias", last_name="Top",
                            orders_count=1, total_spent=Decimal("800"), created_at=old),
        }
        db.session.add_all(rows.values())
        db.session.commit()
    add_customers(demo.bistro, 1, prefix="bistro")
    return rows


def emails(response) -> list[str]:
    page = text(response)
    return sorted(e for e in ("new@example.com", "back@example.com", "top@example.com", "bistro0@example.com")
                  if e in page)


def test_the_list_shows_only_this_stores_customers_with_segment_counts(client, owner, crowd):
    response = client.get(URL)
    assert response.status_code == 200
    assert emails(response) == ["back@example.com", "new@example.com", "top@example.com"]
    page = text(response)
    assert "New (1)" in page and "Returning (1)" in page and "Top spenders (1)" in page and "All customers (3)" in page
    assert 'href="/store/acme/customers/export.csv"' in page


@pytest.mark.parametrize(("segment", "expected"), [
    ("new", ["new@example.com"]), ("returning", ["back@example.com"]), ("top", ["top@example.com"]),
    ("all", ["back@example.com", "new@example.com", "top@example.com"]),
    ("bogus", ["back@example.com", "new@example.com", "top@example.com"]),
])
def test_segment_filter(client, owner, crowd, segment, expected):
    assert emails(client.get(URL, query_string={"segment": segment})) == expected


@pytest.mark.parametrize(("term", "expected"), [
    ("rita", ["back@example.com"]), ("TOBIAS TOP", ["top@example.com"]), ("new@", ["new@example.com"]),
    ("%", []), ("bistro", []),
])
def test_search_by_name_or_email(client, owner, crowd, term, expected):
    assert emails(client.get(URL, query_string={"q": term})) == expected


def test_htmx_gets_the_table_fragment(client, owner, crowd, htmx_headers):
    response = client.get(URL, query_string={"segment": "top"}, headers=htmx_headers)
    assert response.status_code == 200
    assert text(response).strip().startswith('<div id="customer-table">')
    assert "<html" not in text(response)


def test_pagination_and_constant_queries(client, owner, count_queries):
    add_customers(owner.acme, 5)
    client.get(URL)  # warm the tenant caches
    with count_queries() as few:
        assert client.get(URL).status_code == 200
    add_customers(owner.acme, 45, prefix="more")
    with count_queries() as many:
        first = client.get(URL)
    assert len(many) == len(few), "\n".join(many)
    assert first.get_data(as_text=True).count('<tr id="customer-') == 25
    second = client.get(URL, query_string={"page": 2})
    assert second.get_data(as_text=True).count('<tr id="customer-') == 25
    assert "50 customers" in text(second)


def test_detail_shows_profile_addresses_and_figures(client, owner, crowd):
    customer = crowd["top"]
    with store_scope(owner.acme.id):
        db.session.add(Address(store_id=owner.acme.id, customer_id=customer.id, full_name="Tobias Top",
                               street="1 Grand-Rue", postal_code="L-1660", city="Luxembourg", country="LU",
                               is_default=True))
        db.session.commit()
    response = client.get(f"{URL}{customer.id}")
    assert response.status_code == 200
    page = text(response)
    assert "Tobias Top" in page and "1 Grand-Rue" in page and "€800.00" in page and "Top spenders" in page
    assert f'href="/store/acme/customers/{customer.id}/edit"' in page


def test_another_stores_customer_does_not_exist(client, demo, login_as, crowd):
    login_as(demo.bistro_owner)
    acme_customer = crowd["new"].id
    assert client.get(f"/store/bistro/customers/{acme_customer}").status_code == 404
    assert client.get(f"/store/acme/customers/{acme_customer}").status_code == 404
    assert client.post(f"/store/bistro/customers/{acme_customer}/edit",
                       data={"email": "x@example.com"}).status_code == 404
    assert client.post(f"/store/bistro/customers/{acme_customer}/delete").status_code == 404
    assert "new@example.com" not in text(client.get("/store/bistro/customers/export.csv"))
    with store_scope(demo.acme.id):
        assert db.session.scalar(select(func.count(Customer.id))) == 3


def test_staff_may_look_but_not_export_or_edit(client, demo, login_as, crowd):
    login_as(demo.staff)
    customer = crowd["new"]
    assert client.get(URL).status_code == 200
    assert "export.csv" not in text(client.get(URL))
    assert client.get(f"{URL}export.csv").status_code == 403
    assert client.get(f"{URL}{customer.id}/edit").status_code == 403
    assert client.post(f"{URL}{customer.id}/delete").status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client, demo):
    response = client.get(URL)
    assert response.status_code == 302 and response.headers["Location"].startswith("/auth/login")


def test_csv_export_escapes_formula_cells(client, owner, demo):
    with store_scope(demo.acme.id):
        for n, name in enumerate(["=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "\tTab", "\rCR", "Plain"]):
            db.session.add(Customer(store_id=demo.acme.id, email=f"csv{n}@example.com", first_name=name))
        db.session.commit()
    response = client.get(f"{URL}export.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].startswith('attachment; filename="customers-acme-')
    rows = list(csv.DictReader(io.StringIO(text(response))))
    names = sorted(row["first_name"] for row in rows)
    assert names == sorted(["'=HYPERLINK(\"http://x\")", "'+1", "'-2", "'@SUM(A1)", "'\tTab", "'\rCR", "Plain"])
    assert {row["orders_count"] for row in rows} == {"0"}


def test_csv_export_follows_the_filters(client, owner, crowd):
    rows = list(csv.DictReader(io.StringIO(text(client.get(f"{URL}export.csv", query_string={"segment": "top"})))))
    assert [row["email"] for row in rows] == ["top@example.com"]
    assert rows[0]["total_spent"] == "800.00"


def test_edit_saves_and_refuses_a_duplicate_email(client, owner, crowd):
    customer = crowd["new"]
    taken = client.post(f"{URL}{customer.id}/edit", data={"first_name": "Nina", "last_name": "New",
                                                          "email": "TOP@example.com"})
    assert taken.status_code == 422
    assert "Another customer of this store already uses this email address." in text(taken)
    bad = client.post(f"{URL}{customer.id}/edit", data={"first_name": "Nina", "email": "nope"})
    assert bad.status_code == 422 and "Invalid email address." in text(bad)
    ok = client.post(f"{URL}{customer.id}/edit", data={"first_name": "Nina", "last_name": "Newer",
                                                       "email": "Nina@Example.com", "phone": "+352 1"})
    assert ok.status_code == 303 and ok.headers["Location"] == f"{URL}{customer.id}"
    db.session.expire_all()
    with store_scope(owner.acme.id):
        saved = db.session.get(Customer, customer.id)
        assert (saved.last_name, saved.email, saved.phone) == ("Newer", "nina@example.com", "+352 1")


def test_edit_without_csrf_changes_nothing(client, owner, crowd):
    customer = crowd["new"]
    response = client.post(f"{URL}{customer.id}/edit", data={"first_name": "Hacked", "email": "new@example.com"},
                           csrf=False)
    assert response.status_code == 400
    db.session.expire_all()
    with store_scope(owner.acme.id):
        assert db.session.get(Customer, customer.id).first_name == "Nina"


def test_the_owner_can_erase_a_customer(client, owner, crowd):
    customer = crowd["returning"]
    response = client.post(f"{URL}{customer.id}/delete")
    assert response.status_code == 303 and response.headers["Location"] == URL
    assert "back@example.com" not in text(client.get(URL))


def test_the_menu_shows_customers(client, owner):
    page = text(client.get("/store/acme/"))
    assert 'href="/store/acme/customers/"' in page
