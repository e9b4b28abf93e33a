"""In a browser: choosing a plan opens its invoice preview in place (htmx), and confirming shows the
invoice that was issued, with the previewed total, over the plans with the new one marked; no console
error on the way."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_choose_preview_and_confirm_an_upgrade_in_place(live_server, page, demo_shop, artifacts_dir):
    from tests.modules.billing.store_helpers import invoices

    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(f"{live_server}/auth/login")
    form = page.locator("form:has(input[name=password])")
    form.locator("input[name=email]").fill("owner@acme.test")
    form.locator("input[name=password]").fill("orion-demo")
    form.locator("[type=submit]").first.click()
    expect(page).not_to_have_url(re.compile(r"/login"))

    page.goto(f"{live_server}/store/acme/billing/plans")
    page.get_by_role("button", name="Choose Business").click()
    preview = page.locator("#plan-preview")
    expect(preview).to_contain_text("From Professional to Business")
    expect(page).to_have_url(re.compile(r"/billing/plans$"))  # swapped in place, no page load
    total = preview.locator("tfoot tr").last.locator("td").inner_text()
    page.screenshot(path=str(artifacts_dir / "billing-preview.png"), full_page=True, caret="initial")
    preview.get_by_role("button", name=re.compile("Upgrade and pay")).click()
    plans = page.locator("#billing-plans")
    expect(plans).to_contain_text("You are now on Business")
    [invoice] = [i for i in invoices() if i.idempotency_key.startswith("upgrade:")]  # besides the demo's past ones
    expect(plans).to_contain_text(f"Invoice {invoice.number} of {total} was issued")
    expect(page.locator("#plan-business")).to_contain_text("Your plan")
    expect(page.locator("#plan-preview")).to_be_empty()
    page.screenshot(path=str(artifacts_dir / "billing-result.png"), full_page=True, caret="initial")
