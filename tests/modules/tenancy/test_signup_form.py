"""Merchant signup on a platform: one form creates the owner, the merchant and a pending store, or nothing."""

import pytest
from sqlalchemy import func, select

from tests.modules.tenancy.signup_helpers import LOYALTY_SIGNUP, SIGNUP, emails, form, store, user
from webapp.extensions import db
from webapp.framework import events
from webapp.modules.core.models import AuditEntry
from webapp.modules.tenancy.models import Merchant, Store, StoreMembership, User
from webapp.modules.tenancy.services import RESERVED_CODES, check_store_code, create_user


def counts() -> tuple[int, int, int]:
    db.session.expire_all()
    return tuple(db.session.scalar(select(func.count()).select_from(model)) for model in (User, Merchant, Store))


def test_the_signup_page_offers_the_platforms_languages(client, demo):
    page = client.get(SIGNUP).get_data(as_text=True)
    assert client.get(SIGNUP).status_code == 200
    assert 'name="store_code"' in page and 'value="lb"' in page  # main offers Luxembourgish
    assert 'value="lb"' not in client.get(LOYALTY_SIGNUP).get_data(as_text=True)


def test_signup_creates_everything_in_one_go(client, demo, monkeypatch):
    published = []
    original = events.publish
    monkeypatch.setattr(events, "publish", lambda event: (published.append(event), original(event)))

    response = client.post(SIGNUP, data=form())

    assert response.status_code == 303
    assert response.headers["Location"].endswith("/platforms/main/signup/inbox")
    owner = user("nora@bakery.example.com")
    assert owner.email_verified_at is None and owner.name == "Nora Baker" and owner.platform_role is None
    shop = store("nora-bakery")
    assert (shop.status, shop.subdomain, shop.platform_id) == ("pending", "nora-bakery", demo.main.id)
    assert (shop.languages, shop.default_language, shop.currency, shop.country) == (["en", "fr"], "en", "EUR", "LU")
    merchant = db.session.get(Merchant, shop.merchant_id)
    assert (merchant.legal_name, merchant.vat_number, merchant.owner_id) == ("Nora's Bakery SARL", "LU12345678",
                                                                            owner.id)
    role = db.session.scalar(select(StoreMembership.role).where(StoreMembership.store_id == shop.id,
                                                                StoreMembership.user_id == owner.id))
    assert role == "owner"
    assert [type(e).__name__ for e in published] == ["MerchantSignedUp"]
    assert (published[0].store_id, published[0].user_id, published[0].merchant_id) == (shop.id, owner.id, merchant.id)
    [verify] = emails("tenancy/emails/verify_email")
    [welcome] = emails("messaging/emails/merchant_welcome")
    assert verify.to_address == welcome.to_address == "nora@bakery.example.com"
    assert "/platforms/main/signup/verify/" in verify.body_text and "48 hours" in verify.body_text
    assert "Nora's Bakery" in welcome.subject and "/store/nora-bakery/" in welcome.body_text
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "tenancy.merchant.signed_up"))
    assert entry.store_id == shop.id and entry.platform_id == demo.main.id


def test_the_inbox_page_names_the_address(client, demo):
    client.post(SIGNUP, data=form())
    page = client.get("/platforms/main/signup/inbox").get_data(as_text=True)
    assert "nora@bakery.example.com" in page and "Send a new link" in page


def test_the_welcome_email_is_in_the_shops_language(client, demo):
    client.post(SIGNUP, data=form(languages=["fr", "en"], default_language="fr"))
    [welcome] = emails("messaging/emails/merchant_welcome")
    assert welcome.locale == "fr" and welcome.subject.startswith("Bienvenue")


def test_a_signup_on_loyalty_lands_on_loyalty(client, demo):
    assert client.post(LOYALTY_SIGNUP, data=form(languages=["de"], default_language="de")).status_code == 303
    assert store("nora-bakery").platform_id == demo.loyalty.id
    [verify] = emails("tenancy/emails/verify_email")
    assert "/platforms/loyalty/signup/verify/" in verify.body_text


@pytest.mark.parametrize(("changes", "field_text"), [
    ({"password": "short"}, "at least 10 characters"),
    ({"password": "password123"}, "too common"),
    ({"email": "not-an-email"}, "Invalid email"),
    ({"email": "Taken@Example.com"}, "exists already"),
    ({"vat_number": "12"}, "VAT number with its country prefix"),
    ({"languages": ["en", "xx"]}, "is not a valid choice"),
    ({"languages": ["lb"], "default_language": "lb"}, None),  # loyalty only: see the parametrised platform
    ({"currency": "XYZ"}, "Not a valid choice"),
    ({"default_language": "de"}, "one of the shop's languages"),
    ({"country": ""}, "This field is required"),
    ({"legal_name": ""}, "This field is required"),
])
def test_bad_input_is_refused_and_nothing_is_saved(client, demo, changes, field_text):
    create_user("taken@example.com", "orion-demo")
    db.session.commit()
    before = counts()
    path = LOYALTY_SIGNUP if field_text is None else SIGNUP
    response = client.post(path, data=form(**changes))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    if field_text:
        assert field_text in page
    assert "Nora Baker" in page  # the input is kept
    assert counts() == before and emails() == []


@pytest.mark.parametrize(("code", "message", "suggestion"), [
    ("acme", "already taken", "acme-2"),
    ("admin", "reserved by the platform", "admin-2"),
    ("-acme", "lowercase letters, digits or hyphens", None),
    ("ab", "lowercase letters, digits or hyphens", None),
    ("Has Space", "lowercase letters, digits or hyphens", None),
    ("x" * 31, "lowercase letters, digits or hyphens", None),
])
def test_unusable_store_codes_are_refused_with_a_suggestion(client, demo, code, message, suggestion):
    before = counts()
    response = client.post(SIGNUP, data=form(store_code=code))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert message in page
    if suggestion:
        assert f"Try {suggestion}." in page
    assert counts() == before


def test_the_suggestion_skips_codes_in_use(client, demo):
    client.post(SIGNUP, data=form(store_code="acme-2"))
    assert check_store_code("acme").suggestion == "acme-3"
    assert check_store_code("ACME-2").status == "taken"


def test_the_reserved_words_are_kept_in_one_list():
    assert {"admin", "www", "api", "static", "store", "platforms", "auth", "mail", "help"} <= RESERVED_CODES
    assert all(check_store_code(code).status in ("reserved", "invalid") for code in RESERVED_CODES)


def test_the_code_check_answers_as_the_visitor_types(client, demo, htmx_headers):
    def check(code):
        response = client.get(f"{SIGNUP}/code", query_string={"store_code": code}, headers=htmx_headers)
        assert response.status_code == 200
        return response.get_data(as_text=True)

    assert "is available" in check("fresh-shop")
    taken = check("acme")
    assert "is already taken" in taken and "Try acme-2." in taken and "<html" not in taken
    assert "reserved" in check("www")
    assert "lowercase letters" in check("a_b")
    assert "code-check-" not in check("")


def test_signup_needs_a_csrf_token(client, demo):
    before = counts()
    assert client.post(SIGNUP, data=form(), csrf=False).status_code == 400
    assert counts() == before


def test_signup_is_rate_limited(client, demo, app, monkeypatch):
    monkeypatch.setitem(app.config, "TENANCY_SIGNUP_RATE_LIMIT", "2 per hour")
    statuses = [client.post(SIGNUP, data=form(password="x")).status_code for _attempt in range(3)]
    assert statuses == [422, 422, 429]


def test_a_code_taken_at_the_last_moment_is_explained_not_a_500(client, demo, monkeypatch):
    from sqlalchemy.exc import IntegrityError

    from webapp.modules.tenancy.services import signup

    def racing_create_store(*args, **kwargs):
        raise IntegrityError("INSERT", {}, Exception("duplicate key"))

    monkeypatch.setattr(signup, "create_store", racing_create_store)
    response = client.post(SIGNUP, data=form(store_code="fresh-shop"))
    assert response.status_code == 422
    assert "This shop address is taken" in response.get_data(as_text=True)
    assert user("nora@bakery.example.com") is None and store("fresh-shop") is None
