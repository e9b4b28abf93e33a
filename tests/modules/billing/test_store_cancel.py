"""Store → Billing: cancelling at the period end with a reason, keeping the plan, withdrawing a downgrade."""

from __future__ import annotations

import pytest

from tests.modules.billing.store_helpers import BILLING, audit_actions, fresh, state

pytestmark = pytest.mark.usefixtures("isolated_requests")


@pytest.fixture
def essential(demo, subscribe):
    return subscribe(demo.acme, "essential")


def test_cancel_needs_a_reason_and_waits_for_the_period_end(client, demo, login_as, essential):
    login_as(demo.owner)
    page = client.get(f"{BILLING}/cancel").get_data(as_text=True)
    assert 'name="reason"' in page and 'maxlength="500"' in page and "Why are you cancelling?" in page
    response = client.post(f"{BILLING}/cancel", data={"reason": "  Too   expensive\nfor now  "})
    assert response.status_code == 303 and response.headers["Location"].endswith("/store/acme/billing/")
    row = fresh(essential.id)
    assert row.cancel_at_period_end is True and row.cancel_reason == "Too expensive for now"
    assert row.state == "active" and row.cancelled_at is None  # still running until the period end
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Your subscription ends on" in html and "Cancellation pending" in html and "Keep my plan" in html
    assert "Your reason: Too expensive for now" in html and "Cancel subscription" not in html
    assert audit_actions() == ["billing.subscription.cancel_requested"]


@pytest.mark.parametrize("reason, message", [("", "Tell us why you are cancelling."),
                                             ("   \n\t ", "Tell us why you are cancelling."),
                                             ("\x00\x01", "Tell us why you are cancelling."),
                                             ("x" * 501, "Keep the reason under 500 characters.")])
def test_a_missing_or_long_reason_is_422_and_nothing_changes(client, demo, login_as, essential, htmx_headers,
                                                             reason, message):
    login_as(demo.owner)
    before = state(essential.id)
    for headers in ({}, htmx_headers):
        response = client.post(f"{BILLING}/cancel", data={"reason": reason}, headers=headers)
        html = response.get_data(as_text=True)
        assert response.status_code == 422 and message in html and 'aria-invalid="true"' in html
        assert html.lstrip().startswith('<section id="cancel-form"') == bool(headers)
    assert state(essential.id) == before and audit_actions() == []


def test_keep_undoes_a_pending_cancellation(client, demo, login_as, essential, htmx_headers):
    login_as(demo.owner)
    client.post(f"{BILLING}/cancel", data={"reason": "Closing the shop"})
    response = client.post(f"{BILLING}/keep", headers=htmx_headers)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and response.headers["HX-Trigger"] == "billing:subscription-kept"
    assert html.lstrip().startswith('<div id="billing-overview"') and "You keep your Essential plan." in html
    row = fresh(essential.id)
    assert row.cancel_at_period_end is False and row.cancel_reason == ""
    assert audit_actions() == ["billing.subscription.cancel_requested", "billing.subscription.kept"]


def test_a_scheduled_downgrade_can_be_withdrawn(client, demo, login_as, tiers, subscribe):
    subscription = subscribe(demo.acme, "business")
    professional = tiers[(demo.main.id, "professional")]
    login_as(demo.owner)
    client.post(f"{BILLING}/plans/change", data={"tier_id": professional.id})
    assert fresh(subscription.id).scheduled_tier_id == professional.id
    response = client.post(f"{BILLING}/scheduled-change/cancel")
    assert response.status_code == 303
    assert fresh(subscription.id).scheduled_tier_id is None
    html = client.get(f"{BILLING}/").get_data(as_text=True)
    assert "The plan change was withdrawn. You stay on Business." in html and "Plan change scheduled" not in html
    assert audit_actions() == ["billing.subscription.downgrade", "billing.subscription.change_withdrawn"]


def test_an_ended_subscription_can_no_longer_be_changed(client, demo, login_as, tiers, subscribe):
    subscription = subscribe(demo.acme, "essential", state="cancelled")
    login_as(demo.owner)
    before = state(subscription.id)
    html = client.get(f"{BILLING}/").get_data(as_text=True)
    assert "Cancelled" in html and "Change plan" not in html and "Cancel subscription" not in html
    assert "Choose Professional" not in client.get(f"{BILLING}/plans").get_data(as_text=True)
    professional = tiers[(demo.main.id, "professional")]
    response = client.post(f"{BILLING}/plans/change", data={"tier_id": professional.id})
    assert response.status_code == 422 and "can no longer be changed" in response.get_data(as_text=True)
    for path in ("/cancel", "/keep"):
        response = client.post(f"{BILLING}{path}", data={"reason": "Again"})
        assert response.status_code == 422, path
    assert state(subscription.id) == before


def test_nothing_to_keep_or_withdraw_is_422_and_records_nothing(client, demo, login_as, essential, htmx_headers):
    login_as(demo.owner)
    for path, message in (("/keep", "not being cancelled"), ("/scheduled-change/cancel", "No plan change")):
        response = client.post(f"{BILLING}{path}", headers=htmx_headers)
        assert response.status_code == 422 and message in response.get_data(as_text=True), path
    assert audit_actions() == []
