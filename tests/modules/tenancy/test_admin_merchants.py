"""Admins create merchants (with owner and first store), edit and open them."""

from sqlalchemy import select

from tests.modules.tenancy.admin_helpers import audit_entries, loyalty_admin, outbox_to
from webapp.extensions import db
from webapp.modules.tenancy.models import Merchant, Store, StoreMembership, User

NEW = {"legal_name": "Nord Goods SARL", "vat_number": "LU 1234 5678", "street": "1 rue Haute", "postal_code": "L-1111",
       "city": "Luxembourg", "country": "LU", "owner_email": "anna@nord.test", "owner_name": "Anna Nord",
       "store_name": "Nord", "store_code": "nord"}


def merchant(legal_name: str) -> Merchant | None:
    db.session.expire_all()
    return db.session.scalar(select(Merchant).where(Merchant.legal_name == legal_name))


def test_admin_creates_a_merchant_with_a_new_owner_who_is_invited(client, demo, login_as):
    login_as(demo.admin)
    assert client.get("/admin/merchants/new").status_code == 200

    response = client.post("/admin/merchants", data={**NEW, "platform": str(demo.main.id)})

    assert response.status_code == 303
    created = merchant("Nord Goods SARL")
    assert response.headers["Location"].endswith(f"/admin/merchants/{created.id}")
    assert created.vat_number == "LU12345678" and created.owner.email == "anna@nord.test"
    store = db.session.scalar(select(Store).where(Store.code == "nord"))
    assert (store.merchant_id, store.platform_id, store.subdomain, store.status) == (
        created.id, demo.main.id, "nord", "active")
    assert db.session.scalar(select(StoreMembership.role).where(StoreMembership.store_id == store.id,
                                                                StoreMembership.user_id == created.owner_id)) == "owner"
    [email] = outbox_to("anna@nord.test")
    assert "/auth/staff-invitation/" in email.body_text
    [entry] = audit_entries("tenancy.merchant.created")
    assert entry.target_id == str(created.id) and entry.after["store"] == "nord"


def test_an_existing_user_becomes_owner_without_an_invitation(client, demo, login_as):
    login_as(demo.admin)
    data = {**NEW, "owner_email": "OWNER@acme.test", "platform": str(demo.main.id)}
    assert client.post("/admin/merchants", data=data).status_code == 303
    assert merchant("Nord Goods SARL").owner_id == demo.owner.id
    assert outbox_to("owner@acme.test") == []


def test_invalid_merchants_are_refused_and_nothing_is_saved(client, demo, login_as):
    login_as(demo.admin)
    users_before = db.session.scalar(select(db.func.count(User.id)))
    cases = [({"store_code": "acme"}, "already taken"), ({"store_code": "admin"}, "reserved"),
             ({"store_code": "a"}, "Field must be between 3 and 40"), ({"vat_number": "12"}, "VAT number"),
             ({"legal_name": ""}, "This field is required"), ({"owner_email": "nope"}, "Enter an email address"),
             ({"platform": "999"}, "not a valid choice")]
    for change, message in cases:
        response = client.post("/admin/merchants", data={**NEW, "platform": str(demo.main.id), **change})
        assert response.status_code == 422, change
        assert message.lower() in response.get_data(as_text=True).lower(), change
    assert merchant("Nord Goods SARL") is None
    assert db.session.scalar(select(db.func.count(User.id))) == users_before
    assert outbox_to("anna@nord.test") == []


def test_admin_edits_a_merchant(client, demo, login_as):
    login_as(demo.admin)
    acme = merchant("Acme Trading")
    assert client.get(f"/admin/merchants/{acme.id}/edit").status_code == 200
    data = {"legal_name": "Acme Trading SA", "vat_number": "LU11112222", "street": "", "postal_code": "",
            "city": "Luxembourg", "country": "LU"}
    assert client.post(f"/admin/merchants/{acme.id}/edit", data=data).status_code == 303
    assert merchant("Acme Trading SA").vat_number == "LU11112222"
    [entry] = audit_entries("tenancy.merchant.updated")
    assert entry.before["legal_name"] == "Acme Trading" and entry.after["legal_name"] == "Acme Trading SA"

    bad = client.post(f"/admin/merchants/{acme.id}/edit", data={**data, "vat_number": "XX"})
    assert bad.status_code == 422 and merchant("Acme Trading SA").vat_number == "LU11112222"


def test_merchant_detail_shows_stores_and_team(client, demo, login_as):
    login_as(demo.admin)
    acme = merchant("Acme Trading")
    body = client.get(f"/admin/merchants/{acme.id}").get_data(as_text=True)
    assert "/admin/stores/acme" in body and "staff@acme.test" in body and "owner@acme.test" in body
    assert client.get("/admin/merchants/99999").status_code == 404
    assert f"/admin/merchants/{acme.id}" in client.get("/admin/merchants").get_data(as_text=True)


def test_platform_admin_of_loyalty_reaches_no_merchant_of_main(client, demo, login_as):
    acme, bistro = merchant("Acme Trading"), merchant("Bistro Luxembourg")
    login_as(loyalty_admin(demo))
    listing = client.get("/admin/merchants").get_data(as_text=True)
    assert "Bistro Luxembourg" in listing and "Acme Trading" not in listing
    for path in (f"/admin/merchants/{acme.id}", f"/admin/merchants/{acme.id}/edit",
                 f"/admin/merchants/{acme.id}/stores/new"):
        assert client.get(path).status_code == 404, path
    data = {**NEW, "legal_name": "Hijacked", "platform": str(demo.loyalty.id)}
    assert client.post(f"/admin/merchants/{acme.id}/edit", data=data).status_code == 404
    assert client.post(f"/admin/merchants/{acme.id}/stores", data={"code": "evil"}).status_code == 404
    assert merchant("Hijacked") is None
    # Creating on main is not offered: the platform choice holds only loyalty.
    refused = client.post("/admin/merchants", data={**NEW, "platform": str(demo.main.id)})
    assert refused.status_code == 422 and merchant("Nord Goods SARL") is None
    assert client.get(f"/admin/merchants/{bistro.id}").status_code == 200


def test_merchant_detail_counts_recent_orders_through_the_orders_slot(client, demo, login_as):
    from datetime import UTC, datetime
    from decimal import Decimal

    from webapp.framework.scoping import store_scope
    from webapp.modules.orders.models import Order

    with store_scope(demo.acme.id):
        for number in (1, 2):
            db.session.add(Order(store_id=demo.acme.id, number=number, email="a@example.com", currency="EUR",
                                 subtotal=Decimal("1.00"), total=Decimal("1.00"), placed_at=datetime.now(UTC)))
        db.session.commit()
    login_as(demo.admin)
    body = client.get(f"/admin/merchants/{demo.acme.merchant_id}").get_data(as_text=True)
    assert "Orders in the last 30 days" in body
    assert '<p class="stat-value">2</p>' in body
