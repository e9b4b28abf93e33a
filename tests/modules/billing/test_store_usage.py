"""Store → Billing → Usage and the overview's state: each limit as an accessible progress bar with its text,
unlimited ones said so, warn-only limits noted; a trial counts its days."""

from __future__ import annotations

import re

import pytest

from tests.modules.billing.store_helpers import BILLING
from webapp.extensions import db
from webapp.modules.tenancy.services import add_member, create_user

pytestmark = pytest.mark.usefixtures("isolated_requests")


def test_each_limit_is_a_meter_with_its_text(client, demo, login_as, subscribe):
    subscribe(demo.acme, "essential")
    login_as(demo.owner)
    html = client.get(f"{BILLING}/usage").get_data(as_text=True)
    assert html.count("<progress ") == 6 and "Limits of your Essential plan" in html
    assert re.search(r'<progress id="usage-products-meter" max="100" value="0"[^>]*>0 of 100 products</progress>',
                     html)
    assert "2 of 2 team members" in html and "Limit reached" in html  # owner and staff
    assert "1 of 1 store<" in html and "3 of 2 languages" in html and "Over the limit" in html
    assert 'max="2" value="2"' in html  # over the limit: a full meter, never value > max
    orders = html[html.index('id="usage-orders_per_month"'):html.index('id="usage-storage_mb"')]
    assert "0 of 300 orders this month" in orders and "warned, not stopped" in orders
    products = html[html.index('id="usage-products"'):html.index('id="usage-staff_seats"')]
    assert "warned, not stopped" not in products


def test_unlimited_limits_are_said_so(client, demo, login_as, subscribe):
    subscribe(demo.acme, "enterprise")
    for number in range(2):
        add_member(demo.acme.id, create_user(f"extra{number}@acme.test", "orion-demo").id, "staff")
    db.session.commit()
    login_as(demo.owner)
    html = client.get(f"{BILLING}/usage").get_data(as_text=True)
    assert "<progress " not in html and "4 team members, no limit" in html and html.count("Unlimited") == 6


def test_the_usage_partial_for_htmx(client, demo, login_as, subscribe, htmx_headers):
    subscribe(demo.acme, "essential")
    login_as(demo.owner)
    html = client.get(f"{BILLING}/usage", headers=htmx_headers).get_data(as_text=True)
    assert html.lstrip().startswith('<section id="usage-meters"') and "<html" not in html


def test_a_trial_shows_its_days_left(client, demo, login_as, subscribe, htmx_headers):
    subscribe(demo.bistro, "professional", state="trialing")
    login_as(demo.bistro_owner)
    html = client.get("/store/bistro/billing/?lang=en").get_data(as_text=True)
    assert "Trial: 14 days left" in html and "badge-info" in html and "None yet" in html


@pytest.mark.parametrize("state, label", [("past_due", "Past due"), ("restricted", "Restricted"),
                                          ("paused", "Paused")])
def test_the_state_badge_and_its_explanation(client, demo, login_as, subscribe, state, label):
    subscription = subscribe(demo.acme, "professional", state=state)
    subscription.payment_method_label = "Visa •••• 4242"
    db.session.commit()
    login_as(demo.owner)
    html = client.get(f"{BILLING}/").get_data(as_text=True)
    assert f">{label}</span>" in html and "Visa •••• 4242" in html


def test_the_overview_partial_for_htmx(client, demo, login_as, subscribe, htmx_headers):
    subscribe(demo.acme, "essential")
    login_as(demo.owner)
    html = client.get(f"{BILLING}/", headers=htmx_headers).get_data(as_text=True)
    assert html.lstrip().startswith('<div id="billing-overview"') and "€29.00 a month" in html


@pytest.mark.parametrize("language", ["en", "fr", "de", "lb"])
def test_every_billing_page_renders_in_each_dashboard_language(client, demo, login_as, tiers, subscribe, language):
    subscribe(demo.acme, "essential")
    login_as(demo.owner)
    business = tiers[(demo.main.id, "business")].id
    for path in ("/", "/plans", f"/plans/preview?tier={business}", "/usage", "/cancel"):
        separator = "&" if "?" in path else "?"
        response = client.get(f"{BILLING}{path}{separator}lang={language}")
        assert response.status_code == 200, (language, path)
        assert f'<html lang="{language}"' in response.get_data(as_text=True)
