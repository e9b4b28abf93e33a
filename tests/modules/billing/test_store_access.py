"""Who may look at and change a store's subscription: billing.view looks, billing.manage changes, and
another merchant's people reach nothing of it."""

from __future__ import annotations

import pytest

from tests.modules.billing.store_helpers import BILLING, audit_actions, invoices, manager, on_day_15, state

pytestmark = pytest.mark.usefixtures("isolated_requests")

PAGES = ("/", "/plans", "/usage")


def writes(tiers, demo, store: str = "acme") -> list[tuple[str, dict]]:
    base = f"/store/{store}/billing"
    tier = tiers[(demo.main.id if store == "acme" else demo.loyalty.id, "business")].id
    return [(f"{base}/plans/change", {"tier_id": tier, "expected_total": 1}), (f"{base}/cancel", {"reason": "Bye"}),
            (f"{base}/keep", {}), (f"{base}/scheduled-change/cancel", {})]


def test_a_manager_can_look_but_not_change(client, demo, login_as, tiers, subscribe, htmx_headers):
    subscription = on_day_15(subscribe(demo.acme, "essential"))
    login_as(manager(demo.acme))
    for path in PAGES:
        assert client.get(f"{BILLING}{path}").status_code == 200, path
    overview = client.get(f"{BILLING}/").get_data(as_text=True)
    assert "Your plan: Essential" in overview and "Cancel subscription" not in overview
    preview = client.get(f"{BILLING}/plans/preview?tier={tiers[(demo.main.id, 'business')].id}",
                         headers=htmx_headers).get_data(as_text=True)
    assert "+€" in preview and "/plans/change" not in preview and "needs the Manage subscription permission" in preview
    assert client.get(f"{BILLING}/cancel").status_code == 403
    before = state(subscription.id)
    for path, data in writes(tiers, demo):
        for headers in ({}, htmx_headers):
            assert client.post(path, data=data, headers=headers).status_code == 403, path
    assert state(subscription.id) == before and invoices() == [] and audit_actions() == []


def test_staff_without_billing_view_see_no_billing(client, demo, login_as, subscribe):
    subscribe(demo.acme, "essential")
    login_as(demo.staff)
    for path in (*PAGES, "/cancel"):
        assert client.get(f"{BILLING}{path}").status_code == 403, path
    assert 'href="/store/acme/billing/"' not in client.get("/store/acme/").get_data(as_text=True)


def test_the_owner_finds_billing_in_the_menu(client, demo, login_as, subscribe):
    subscribe(demo.acme, "essential")
    login_as(demo.owner)
    assert 'href="/store/acme/billing/"' in client.get("/store/acme/").get_data(as_text=True)


def test_another_merchant_reaches_nothing_of_this_subscription(client, demo, login_as, tiers, subscribe,
                                                              htmx_headers):
    bistro = subscribe(demo.bistro, "essential")
    acme = subscribe(demo.acme, "essential")
    login_as(demo.owner)  # acme's owner, on bistro's pages
    before = state(bistro.id)
    for path in (*PAGES, "/cancel", f"/plans/preview?tier={tiers[(demo.loyalty.id, 'business')].id}"):
        assert client.get(f"/store/bistro/billing{path}").status_code == 404, path
    for path, data in writes(tiers, demo, "bistro"):
        for headers in ({}, htmx_headers):
            assert client.post(path, data=data, headers=headers).status_code == 404, path
    # bistro's platform's tiers are unknown on acme's pages
    response = client.post(f"{BILLING}/plans/change", data={"tier_id": tiers[(demo.loyalty.id, "business")].id})
    assert response.status_code == 422
    assert state(bistro.id) == before and state(acme.id)[0] == acme.tier_id and invoices() == []


def test_a_store_whose_platform_sells_no_plans(client, demo, login_as, htmx_headers):
    login_as(demo.owner)
    html = client.get(f"{BILLING}/").get_data(as_text=True)
    assert "No subscription" in html
    assert "No plans offered" in client.get(f"{BILLING}/plans").get_data(as_text=True)
    assert "no plan limits" in client.get(f"{BILLING}/usage").get_data(as_text=True)
    assert client.get(f"{BILLING}/plans/preview?tier=1").status_code == 404
    assert client.post(f"{BILLING}/cancel", data={"reason": "x"}).status_code == 404


def test_the_support_view_reads_billing_and_changes_nothing(client, demo, login_as, tiers, subscribe):
    subscription = subscribe(demo.acme, "essential")
    login_as(demo.admin)
    assert client.post("/admin/support/acme", data={"reason": "Ticket 12: plan question"}).status_code == 303
    for path in PAGES:
        html = client.get(f"{BILLING}{path}").get_data(as_text=True)
        assert "Cancel subscription" not in html and "Change plan" not in html, path
    preview = client.get(f"{BILLING}/plans/preview?tier={tiers[(demo.main.id, 'business')].id}").get_data(as_text=True)
    assert "+€" in preview and "/plans/change" not in preview
    before = state(subscription.id)
    for path, data in writes(tiers, demo):
        assert client.post(path, data=data).status_code == 403, path
    assert state(subscription.id) == before and invoices() == []
