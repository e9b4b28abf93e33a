"""The admin's tier editor: list per platform, create, edit, retire and offer again, delete; prices typed
in euros with either decimal separator, bad input refused field by field, platform admins kept to theirs."""

import pytest
from sqlalchemy import select

from tests.modules.tenancy.admin_helpers import audit_entries, loyalty_admin
from webapp.extensions import db
from webapp.modules.billing.forms.admin import parse_euros
from webapp.modules.billing.models import Tier

FORM = {"code": "starter", "name": "Starter", "description": "A small plan.", "currency": "EUR",
        "monthly_price": "29,00", "yearly_price": "290.00", "trial_days": "7", "position": "0",
        "limit_products": "50", "policy_products": "block", "limit_staff_seats": "", "policy_staff_seats": "block",
        "limit_stores": "1", "policy_stores": "block", "limit_orders_per_month": "200",
        "policy_orders_per_month": "warn", "limit_storage_mb": "", "policy_storage_mb": "block",
        "limit_languages": "", "policy_languages": "block", "features": ["catalog.collections"]}


def tier(platform_id, code):
    db.session.expire_all()
    return db.session.scalar(select(Tier).where(Tier.platform_id == platform_id, Tier.code == code))


@pytest.mark.parametrize(("text", "symbol", "cents"), [
    ("29,00", ".", 2900), ("29.00", ".", 2900), ("29,00", ",", 2900), ("29.00", ",", 2900), ("1 299,5", ",", 129950),
    ("1,299.50", ".", 129950), ("1.299,50", ",", 129950), ("1,000", ".", 100000), ("1,000", ",", 100), ("0", ".", 0),
    ("abc", ".", None), ("29,999", ",", None), ("-5", ".", None), ("1.2.3", ".", None), ("", ".", None)])
def test_euros_are_read_with_either_separator(text, symbol, cents):
    assert parse_euros(text, symbol) == cents


def row_of(page: str, tier_id: int) -> str:
    [row] = [row for row in page.split("<tr>") if f"/admin/billing/tiers/{tier_id}/edit" in row]
    return row


def test_the_list_shows_each_platforms_tiers_with_subscribers(client, demo, login_as, tiers, subscribe):
    subscribe(demo.acme, "professional")
    login_as(demo.admin)
    page = client.get("/admin/billing/tiers").get_data(as_text=True)
    assert demo.main.name in page and demo.loyalty.name in page
    assert page.count(">Professional</a>") == 2
    row = row_of(page, tiers[(demo.main.id, "professional")].id)
    assert "€79.00" in row and "€790.00" in row and '<td class="num">1</td>' in row and "Offered" in row
    assert "Retire" in row and "Delete" not in row  # a tier with subscribers can only be retired
    other = row_of(page, tiers[(demo.loyalty.id, "professional")].id)
    assert '<td class="num">0</td>' in other and "Delete" in other


def test_admin_creates_a_tier_with_prices_in_euros(client, demo, login_as, tiers):
    login_as(demo.admin)
    form = client.get("/admin/billing/platforms/main/tiers/new").get_data(as_text=True)
    assert 'value="catalog.collections"' in form
    assert 'value="loyalty.points"' not in form  # loyalty is still a definition: nothing to sell yet

    response = client.post("/admin/billing/platforms/main/tiers", data=FORM)

    assert response.status_code == 303 and response.headers["Location"].endswith("/admin/billing/tiers")
    created = tier(demo.main.id, "starter")
    assert (created.monthly_price_cents, created.yearly_price_cents, created.trial_days) == (2900, 29000, 7)
    assert created.limits["products"] == {"value": 50, "policy": "block"}
    assert created.limits["staff_seats"] == {"value": None, "policy": "block"}
    assert created.limits["orders_per_month"] == {"value": 200, "policy": "warn"}
    assert created.features == ["catalog.collections"]
    [entry] = audit_entries("billing.tier.created")
    assert entry.target_id == str(created.id) and entry.after["monthly_price_cents"] == 2900


def test_french_admin_types_a_comma_and_sees_it_again(client, demo, login_as, tiers):
    login_as(demo.admin)
    for code, price in (("comma", "12,50"), ("point", "12.50")):
        response = client.post("/admin/billing/platforms/main/tiers?lang=fr",
                               data={**FORM, "code": code, "monthly_price": price})
        assert response.status_code == 303
    assert tier(demo.main.id, "comma").monthly_price_cents == tier(demo.main.id, "point").monthly_price_cents == 1250
    form = client.get(f"/admin/billing/tiers/{tier(demo.main.id, 'comma').id}/edit?lang=fr").get_data(as_text=True)
    assert 'value="12,50"' in form and 'value="290,00"' in form


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"monthly_price": "twelve"}, "monthly_price", "Enter an amount in euros"),
    ({"yearly_price": ""}, "yearly_price", "This field is required"),
    ({"code": "Bad Code"}, "code", "lowercase letters"),
    ({"code": "essential"}, "code", "Another tier of this platform has this code"),
    ({"trial_days": "400"}, "trial_days", "Number must be between"),
    ({"limit_products": "-1"}, "limit_products", "Number must be between"),
    ({"features": ["nope.feature"]}, "features", "is not a valid choice"),
])
def test_bad_input_is_refused_field_by_field(client, demo, login_as, tiers, changes, field, message):
    login_as(demo.admin)
    before = db.session.scalar(select(db.func.count()).select_from(Tier))
    response = client.post("/admin/billing/platforms/main/tiers", data={**FORM, **changes})
    page = response.get_data(as_text=True)
    assert response.status_code == 422, page[:300]
    assert f'id="{field}-error"' in page and message in page
    assert db.session.scalar(select(db.func.count()).select_from(Tier)) == before


def test_admin_edits_a_tier(client, demo, login_as, tiers):
    essential = tiers[(demo.main.id, "essential")]
    login_as(demo.admin)
    form = client.get(f"/admin/billing/tiers/{essential.id}/edit").get_data(as_text=True)
    assert 'value="29.00"' in form and 'value="essential"' in form

    response = client.post(f"/admin/billing/tiers/{essential.id}/edit",
                           data={**FORM, "code": "essential", "name": "Essential+", "monthly_price": "31.5"})

    assert response.status_code == 303
    saved = tier(demo.main.id, "essential")
    assert (saved.name, saved.monthly_price_cents) == ("Essential+", 3150)
    [entry] = audit_entries("billing.tier.updated")
    assert entry.before["monthly_price_cents"] == 2900 and entry.after["monthly_price_cents"] == 3150


def test_retire_offer_again_and_delete(client, demo, login_as, tiers, subscribe, htmx_headers):
    subscribe(demo.acme, "professional")
    professional, business = tiers[(demo.main.id, "professional")], tiers[(demo.main.id, "business")]
    login_as(demo.admin)

    retired = client.post(f"/admin/billing/tiers/{professional.id}/retire", headers=htmx_headers)
    assert retired.status_code == 200 and "is retired" in retired.get_data(as_text=True)
    assert 'id="tier-sections"' in retired.get_data(as_text=True) and "<html" not in retired.get_data(as_text=True)
    assert tier(demo.main.id, "professional").status == "retired"
    offered = client.post(f"/admin/billing/tiers/{professional.id}/offer")
    assert offered.status_code == 303 and offered.headers["Location"].endswith("/admin/billing/tiers")
    assert tier(demo.main.id, "professional").status == "active"

    refused = client.post(f"/admin/billing/tiers/{professional.id}/delete")
    assert refused.status_code == 409
    assert "has subscriptions and cannot be deleted" in refused.get_data(as_text=True)
    assert tier(demo.main.id, "professional") is not None

    assert client.post(f"/admin/billing/tiers/{business.id}/delete").status_code == 303
    assert tier(demo.main.id, "business") is None
    assert [e.action for e in audit_entries("billing.tier.retired")] == ["billing.tier.retired"]
    assert len(audit_entries("billing.tier.deleted")) == 1


def test_platform_admin_sees_and_edits_only_their_platforms_tiers(client, demo, login_as, tiers):
    login_as(loyalty_admin(demo))
    page = client.get("/admin/billing/tiers").get_data(as_text=True)
    assert demo.loyalty.name in page and "/admin/billing/platforms/main/tiers/new" not in page
    main_tier = tiers[(demo.main.id, "essential")]
    assert client.get(f"/admin/billing/tiers/{main_tier.id}/edit").status_code == 404
    assert client.post(f"/admin/billing/tiers/{main_tier.id}/edit", data=FORM).status_code == 404
    assert client.post(f"/admin/billing/tiers/{main_tier.id}/retire").status_code == 404
    assert client.post(f"/admin/billing/tiers/{main_tier.id}/delete").status_code == 404
    assert client.get("/admin/billing/platforms/main/tiers/new").status_code == 404
    assert client.post("/admin/billing/platforms/main/tiers", data=FORM).status_code == 404
    assert tier(demo.main.id, "essential").status == "active"
    assert client.get(f"/admin/billing/tiers/{tiers[(demo.loyalty.id, 'essential')].id}/edit").status_code == 200


def test_store_staff_may_not_open_the_editor(client, demo, login_as, tiers):
    login_as(demo.owner)
    assert client.get("/admin/billing/tiers").status_code in (302, 303, 403)
