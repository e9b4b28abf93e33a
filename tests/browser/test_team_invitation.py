"""In Chromium: an owner builds a custom role, invites a colleague with it (htmx swaps the team in place);
the colleague signs up from the emailed link and sees only what the role permits."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_phone_layout import overflows
from tests.modules.tenancy.team_helpers import invitation_path

pytestmark = pytest.mark.browser

NEWBIE = "newbie@example.com"


def sign_in(page, live_server, email: str) -> None:
    page.goto(f"{live_server}/auth/login")
    login = page.locator("form:has(input[name=password])")
    login.locator("input[name=email]").fill(email)
    login.locator("input[name=password]").fill("orion-demo")
    login.locator("[type=submit]").first.click()
    expect(page).not_to_have_url(re.compile(r"/auth/login"))


def test_invite_with_a_custom_role_and_accept(live_server, page, page_errors, demo):
    sign_in(page, live_server, "owner@acme.test")
    page.goto(f"{live_server}/store/acme/team/roles/new")
    page.get_by_label("Role name").fill("Catalogue viewer")
    page.locator("#module-catalog").get_by_label("View products").check()
    page.get_by_role("button", name="Create role").click()
    expect(page.locator("#roles")).to_contain_text("Catalogue viewer")

    page.goto(f"{live_server}/store/acme/team")
    page.evaluate("window.__marker = 1")
    invite = page.locator("form:has(input[name=email])")
    invite.get_by_label("Email").fill(NEWBIE)
    invite.get_by_label("Role").select_option(label="Catalogue viewer")
    invite.get_by_role("button", name="Send invitation").click()
    expect(page.locator("#team [role=status]")).to_contain_text(NEWBIE)
    expect(page.locator("#team")).to_contain_text("Pending invitations")
    assert page.evaluate("window.__marker === 1"), "the team must be swapped in place"

    problems = []
    for name, path in (("team", "/store/acme/team"), ("roles", "/store/acme/team/roles"),
                       ("role editor", "/store/acme/team/roles/new"), ("ownership", "/store/acme/team/ownership")):
        page.goto(f"{live_server}{path}")
        problems += overflows(page, name)

    page.context.clear_cookies()
    page.goto(f"{live_server}{invitation_path(NEWBIE)}")
    expect(page.locator("h1")).to_contain_text("Join Acme")
    problems += overflows(page, "invitation")
    page.set_viewport_size({"width": 1280, "height": 800})
    assert problems == []
    page.get_by_label("Your name").fill("New Colleague")
    page.get_by_label("Password", exact=True).fill("a-long-secret-1")
    page.get_by_label("Repeat the password").fill("a-long-secret-1")
    page.get_by_role("button", name="Create account and join").click()
    expect(page).to_have_url(re.compile(r"/store/acme/$"))
    expect(page.locator("body")).to_contain_text("Welcome to the team!")
    assert page.locator("a[href$='/store/acme/catalog/products']").count() >= 1  # in the menu
    assert page.locator("a[href$='/store/acme/orders/']").count() == 0
    # Through the context's request API: a 403 page load would be a console error.
    assert page.request.get(f"{live_server}/store/acme/orders/", max_redirects=0).status == 403
    assert page.goto(f"{live_server}/store/acme/catalog/products").status == 200
    assert page_errors == []
