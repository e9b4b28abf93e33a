"""Store → Billing → Plans: the tiers side by side, the htmx invoice preview of a change, confirming it.

The judged upgrade: day 15 of 31, Essential (€29) → Professional (€79): the preview shows -€15.90 and
+€43.32, and the invoice issued on confirming has exactly those lines and the same total.
"""

from __future__ import annotations

import pytest

from tests.modules.billing.store_helpers import BILLING, audit_actions, fresh, invoices, on_day_15, state
from webapp.extensions import db
from webapp.framework.i18n import format_date
from webapp.modules.tenancy.services import add_member, create_user

pytestmark = pytest.mark.usefixtures("isolated_requests")


@pytest.fixture
def essential(demo, subscribe):
    return on_day_15(subscribe(demo.acme, "essential"))


def test_the_plans_page_shows_the_offered_tiers_and_marks_the_current_one(client, demo, login_as, tiers, essential):
    login_as(demo.owner)
    html = client.get(f"{BILLING}/plans").get_data(as_text=True)
    for name in ("Essential", "Professional", "Business", "Enterprise"):
        assert f">{name}" in html
    essential_card = html[html.index('id="plan-essential"'):html.index('id="plan-professional"')]
    assert "Your plan" in essential_card and "Choose Essential" not in essential_card
    assert "€29.00 a month" in essential_card and "or €290.00 a year" in essential_card
    assert "Up to 100 products" in essential_card and "Up to 1 store<" in essential_card
    assert "14 days free trial" in essential_card
    professional = html[html.index('id="plan-professional"'):html.index('id="plan-business"')]
    assert "<strong>Catalog</strong>: Bulk editing, Collections" in professional
    enterprise = html[html.index('id="plan-enterprise"'):]
    assert "Unlimited products" in enterprise and "30 days free trial" in enterprise
    preview_url = f"{BILLING}/plans/preview?tier={tiers[(demo.main.id, 'professional')].id}"
    assert f'href="{preview_url}"' in professional and f'data-hx-get="{preview_url}"' in professional
    assert 'id="plan-preview"' in html


def test_the_judged_upgrade_previews_and_invoices_the_same_lines(client, demo, login_as, tiers, essential,
                                                                 htmx_headers):
    professional = tiers[(demo.main.id, "professional")]
    login_as(demo.owner)
    response = client.get(f"{BILLING}/plans/preview?tier={professional.id}", headers=htmx_headers)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and html.lstrip().startswith('<section id="plan-preview"')
    assert "Unused time on Essential (17 of 31 days)" in html and "-€15.90" in html
    assert "Remaining time on Professional (17 of 31 days)" in html and "+€43.32" in html
    assert "€27.42" in html and "VAT 17 %" in html and "€4.66" in html and "€32.08" in html
    assert 'name="expected_total" value="3208"' in html and "Upgrade and pay €32.08" in html

    response = client.post(f"{BILLING}/plans/change", data={"tier_id": professional.id, "expected_total": 3208},
                           headers=htmx_headers)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and response.headers["HX-Trigger"] == "billing:subscription-changed"
    assert html.lstrip().startswith('<div id="billing-plans"')  # the cards again, Professional now marked
    current = html[html.index('id="plan-professional"'):html.index('id="plan-business"')]
    assert "Your plan" in current and "Choose Professional" not in current
    [invoice] = invoices()
    assert [(line.description, line.amount_cents, line.unit_price_cents) for line in invoice.lines] == [
        ("Unused time on Essential (17 of 31 days)", -1590, 2900),
        ("Remaining time on Professional (17 of 31 days)", 4332, 7900)]
    assert (invoice.subtotal_cents, invoice.vat_cents, invoice.total_cents) == (2742, 466, 3208)
    assert f"Invoice {invoice.number} of €32.08 was issued" in html
    assert fresh(essential.id).tier_id == professional.id
    assert audit_actions() == ["billing.subscription.upgrade"]


def test_the_preview_is_written_in_the_dashboard_language(client, demo, login_as, tiers, essential, htmx_headers):
    login_as(demo.owner)
    professional = tiers[(demo.main.id, "professional")]
    html = client.get(f"{BILLING}/plans/preview?tier={professional.id}&lang=fr", headers=htmx_headers).get_data(
        as_text=True)
    assert "15,90" in html and "+43,32" in html and "32,08" in html


def test_without_javascript_the_preview_is_a_page_and_the_change_redirects(client, demo, login_as, tiers, essential):
    professional = tiers[(demo.main.id, "professional")]
    login_as(demo.owner)
    page = client.get(f"{BILLING}/plans/preview?tier={professional.id}").get_data(as_text=True)
    assert "<html" in page and 'action="/store/acme/billing/plans/change"' in page and "+€43.32" in page
    response = client.post(f"{BILLING}/plans/change", data={"tier_id": professional.id, "expected_total": 3208})
    assert response.status_code == 303 and response.headers["Location"].endswith("/store/acme/billing/")
    [invoice] = invoices()
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert f"Invoice {invoice.number} of €32.08 was issued" in html and "Your plan: Professional" in html


def test_a_stale_preview_is_shown_again_and_nothing_is_charged(client, demo, login_as, tiers, essential,
                                                               htmx_headers):
    professional = tiers[(demo.main.id, "professional")]
    login_as(demo.owner)
    response = client.post(f"{BILLING}/plans/change", data={"tier_id": professional.id, "expected_total": 2900},
                           headers=htmx_headers)
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and "The amount changed" in html and "€32.08" in html
    assert html.lstrip().startswith('<div id="billing-plans"') and 'name="expected_total" value="3208"' in html
    assert invoices() == [] and fresh(essential.id).tier_id == essential.tier_id


def test_a_downgrade_is_scheduled_for_the_period_end(app, client, demo, login_as, tiers, subscribe, htmx_headers):
    subscription = on_day_15(subscribe(demo.acme, "business"))
    professional = tiers[(demo.main.id, "professional")]
    login_as(demo.owner)
    html = client.get(f"{BILLING}/plans/preview?tier={professional.id}", headers=htmx_headers).get_data(as_text=True)
    with app.test_request_context():
        end = format_date(subscription.current_period_end)
    assert f"The change applies on {end}, at the end of this period" in html
    assert "Schedule the change to Professional" in html
    assert "Total due now" not in html
    response = client.post(f"{BILLING}/plans/change", data={"tier_id": professional.id})
    assert response.status_code == 303
    row = fresh(subscription.id)
    assert row.tier.code == "business" and row.scheduled_tier_id == professional.id and invoices() == []
    overview = client.get(f"{BILLING}/").get_data(as_text=True)
    assert "Your plan changes to Professional" in overview and "Cancel the change" in overview
    assert audit_actions() == ["billing.subscription.downgrade"]


def test_a_downgrade_below_usage_lists_what_to_remove_and_offers_no_confirmation(client, demo, login_as, tiers,
                                                                                 subscribe, htmx_headers):
    subscription = subscribe(demo.acme, "business")
    for number in range(3):  # five people on the team; Essential has two seats
        add_member(demo.acme.id, create_user(f"extra{number}@acme.test", "orion-demo").id, "staff")
    db.session.commit()
    essential = tiers[(demo.main.id, "essential")]
    login_as(demo.owner)
    html = client.get(f"{BILLING}/plans/preview?tier={essential.id}", headers=htmx_headers).get_data(as_text=True)
    assert "Team members: 5 in use, the plan allows 2." in html and "Languages: 3 in use, the plan allows 2." in html
    assert "/plans/change" not in html
    before = state(subscription.id)
    response = client.post(f"{BILLING}/plans/change", data={"tier_id": essential.id}, headers=htmx_headers)
    assert response.status_code == 422 and "Remove what is listed first" in response.get_data(as_text=True)
    assert state(subscription.id) == before and audit_actions() == []


def test_a_trial_changes_tier_at_once_without_an_invoice(client, demo, login_as, tiers, subscribe):
    subscription = subscribe(demo.acme, "essential", state="trialing")
    business = tiers[(demo.main.id, "business")]
    login_as(demo.owner)
    html = client.get(f"{BILLING}/plans/preview?tier={business.id}").get_data(as_text=True)
    assert "nothing is charged until it ends" in html
    assert client.post(f"{BILLING}/plans/change", data={"tier_id": business.id}).status_code == 303
    assert fresh(subscription.id).tier_id == business.id and invoices() == []


@pytest.mark.parametrize("value", ["", "abc", "0", "-3", "99999999999999999999", "1.5", "\x00"])
def test_a_bad_tier_in_the_preview_is_422(client, demo, login_as, tiers, essential, value):
    login_as(demo.owner)
    response = client.get(f"{BILLING}/plans/preview", query_string={"tier": value})
    assert response.status_code == 422 and "Choose a plan." in response.get_data(as_text=True)


def test_unknown_retired_foreign_or_same_tiers_are_refused_and_nothing_changes(client, demo, login_as, tiers,
                                                                               essential, htmx_headers):
    from webapp.modules.billing.services import retire_tier

    retire_tier(demo.main.id, tiers[(demo.main.id, "business")].id)
    db.session.commit()
    login_as(demo.owner)
    before = state(essential.id)
    cases = {str(999999): "does not exist", "abc": "Choose a plan", "": "Choose a plan",
             "1" + "9" * 5000: "Choose a plan",
             str(tiers[(demo.loyalty.id, "professional")].id): "does not exist",
             str(tiers[(demo.main.id, "business")].id): "no longer offered",
             str(essential.tier_id): "already on this plan"}
    for value, message in cases.items():
        for headers in ({}, htmx_headers):
            response = client.post(f"{BILLING}/plans/change", data={"tier_id": value, "expected_total": 1},
                                   headers=headers)
            assert response.status_code == 422, value
            assert message in response.get_data(as_text=True), value
            preview = client.get(f"{BILLING}/plans/preview", query_string={"tier": value}, headers=headers)
            assert preview.status_code == 422, value
    assert state(essential.id) == before and invoices() == [] and audit_actions() == []


def test_a_retired_tier_is_not_offered_but_the_current_one_stays_marked(client, demo, login_as, tiers, essential):
    from webapp.modules.billing.services import retire_tier

    retire_tier(demo.main.id, essential.tier_id)
    retire_tier(demo.main.id, tiers[(demo.main.id, "business")].id)
    db.session.commit()
    login_as(demo.owner)
    html = client.get(f"{BILLING}/plans").get_data(as_text=True)
    assert 'id="plan-essential"' in html and "Your plan" in html
    assert 'id="plan-business"' not in html and 'id="plan-professional"' in html


def test_the_plans_page_runs_as_many_queries_for_eight_tiers_as_for_four(client, demo, login_as, tiers, essential,
                                                                         count_queries):
    from webapp.modules.billing.services import TierValues, create_tier

    login_as(demo.owner)

    def queries() -> int:
        client.get(f"{BILLING}/plans")  # warm: caches of the request guard and the menu
        with count_queries() as statements:
            assert client.get(f"{BILLING}/plans").status_code == 200
        return len(statements)

    four = queries()
    for number in range(4):
        create_tier(demo.main.id, TierValues(f"extra-{number}", f"Extra {number}", 1000 + number, 10000,
                                             limits={"products": {"value": 10, "policy": "block"}},
                                             features=("catalog.collections",), position=10 + number))
    db.session.commit()
    assert queries() == four
