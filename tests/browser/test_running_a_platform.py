"""In Chromium, the whole life of a new merchant: a visitor signs up on `main`, confirms the email from
the outbox, lands on the onboarding checklist, invites a colleague with a custom role who accepts and
sees only what the role permits; the admin approves, then suspends the store, whose storefront shows
the closed page. Every step leaves its audit entry."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from tests.modules.tenancy.signup_helpers import emails, link_path
from tests.modules.tenancy.team_helpers import invitation_path
from webapp.extensions import db
from webapp.modules.core.models import AuditEntry

pytestmark = pytest.mark.browser

OWNER, COLLEAGUE, PASSWORD = "nora@bakery.example.com", "sam@bakery.example.com", "flour-and-water-42"
CODE = "nora-bakery"


def sign_in(page, live_server, email: str, password: str = "orion-demo") -> None:
    page.goto(f"{live_server}/auth/login")
    login = page.locator("form:has(input[name=password])")
    login.locator("input[name=email]").fill(email)
    login.locator("input[name=password]").fill(password)
    login.locator("[type=submit]").first.click()
    expect(page).not_to_have_url(re.compile(r"/auth/login"))


def sign_up(page, live_server) -> None:
    page.goto(f"{live_server}/platforms/main/")
    page.locator("a[href$='/platforms/main/signup']").first.click()
    form = page.locator("form:has(input[name=store_code])")
    for name, value in (("name", "Nora Baker"), ("email", OWNER), ("password", PASSWORD),
                        ("legal_name", "Nora's Bakery SARL"), ("store_name", "Nora's Bakery"), ("store_code", CODE)):
        form.locator(f"[name={name}]").fill(value)
    form.locator("[name=country]").select_option("LU")
    form.locator("[name=languages][value=fr]").check()  # English is ticked already
    form.locator("[name=default_language]").select_option("en")
    form.locator("[name=currency]").select_option("EUR")
    form.get_by_role("button", name="Create my shop").click()
    expect(page.locator("main")).to_contain_text(OWNER)  # "check your inbox" names the address


def actions() -> list[str]:
    db.session.expire_all()
    return list(db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def test_a_merchant_signs_up_builds_a_team_and_is_approved_then_suspended(live_server, page, page_errors, demo):
    sign_up(page, live_server)
    [verification] = emails("tenancy/emails/verify_email")
    page.goto(f"{live_server}{link_path(verification.body_text)}")
    page.get_by_role("button", name="Confirm and open my dashboard").click()
    expect(page).to_have_url(re.compile(rf"/store/{CODE}/$"))
    checklist = page.locator("section.onboarding")
    expect(checklist).to_contain_text("Get your shop ready")
    expect(checklist).to_contain_text("Add your own domain")
    assert "tenancy.merchant.signed_up" in actions() and "tenancy.user.email_verified" in actions()

    page.goto(f"{live_server}/store/{CODE}/team/roles/new")
    page.get_by_label("Role name").fill("Catalogue viewer")
    page.locator("#module-catalog").get_by_label("View products").check()
    page.get_by_role("button", name="Create role").click()
    expect(page.locator("#roles")).to_contain_text("Catalogue viewer")
    page.goto(f"{live_server}/store/{CODE}/team")
    invite = page.locator("form:has(input[name=email])")
    invite.get_by_label("Email").fill(COLLEAGUE)
    invite.get_by_label("Role").select_option(label="Catalogue viewer")
    invite.get_by_role("button", name="Send invitation").click()
    expect(page.locator("#team [role=status]")).to_contain_text(COLLEAGUE)
    assert {"tenancy.role.created", "tenancy.invitation.sent"} <= set(actions())

    page.context.clear_cookies()
    page.goto(f"{live_server}{invitation_path(COLLEAGUE)}")
    page.get_by_label("Your name").fill("Sam Colleague")
    page.get_by_label("Password", exact=True).fill("a-long-secret-1")
    page.get_by_label("Repeat the password").fill("a-long-secret-1")
    page.get_by_role("button", name="Create account and join").click()
    expect(page).to_have_url(re.compile(rf"/store/{CODE}/$"))
    assert page.locator(f"a[href$='/store/{CODE}/catalog/products']").count() >= 1
    assert page.locator(f"a[href$='/store/{CODE}/orders/']").count() == 0
    assert page.request.get(f"{live_server}/store/{CODE}/orders/", max_redirects=0).status == 403
    assert "tenancy.invitation.accepted" in actions()

    storefront = f"{live_server}/platforms/main/storefront/{CODE}/"
    assert page.request.get(storefront).status == 503  # pending: not public yet

    page.context.clear_cookies()
    sign_in(page, live_server, "admin@orion.test")
    page.goto(f"{live_server}/admin/stores?status=pending")
    row = page.locator("tr", has_text="Nora's Bakery")
    row.get_by_role("button", name=re.compile("Approve")).click()
    expect(page.locator("body")).to_contain_text("Nora's Bakery")
    assert page.request.get(storefront).status == 200
    page.goto(f"{live_server}/admin/stores?q={CODE}")
    page.locator("tr", has_text="Nora's Bakery").get_by_role("button", name=re.compile("Suspend")).click()
    closed = page.request.get(storefront)
    assert closed.status == 503 and "closed" in closed.text().lower()
    assert {"tenancy.store.approved", "tenancy.store.suspended"} <= set(actions())

    page.goto(f"{live_server}/admin/audit")
    expect(page.locator("main")).to_contain_text("tenancy.store.suspended")
    assert page_errors == []
