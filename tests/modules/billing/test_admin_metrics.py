"""The operator's figures: MRR per currency (monthly price, a twelfth of a yearly one, nothing from
trials, pauses and cancellations), active subscriptions, trials, churn over 30 days and past due —
exact, scoped to a platform admin's platforms, and shown on the admin dashboard."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from tests.modules.tenancy.admin_helpers import loyalty_admin
from webapp.extensions import db
from webapp.modules.billing import services
from webapp.modules.tenancy.services import create_merchant, create_store


@pytest.fixture
def book(demo, tiers, subscribe):
    """Seven subscriptions in every state; all but the trial started 60 days ago."""
    long_ago = datetime.now(UTC) - timedelta(days=60)

    def store(platform, code):
        merchant = create_merchant(f"{code.title()} SARL")
        created = create_store(platform.id, merchant.id, code, code.title())
        db.session.commit()
        return created

    tiers[(demo.loyalty.id, "enterprise")].currency = "CHF"
    db.session.commit()
    subs = {
        "acme": subscribe(demo.acme, "professional"),  # 79.00 a month
        "bistro": subscribe(demo.bistro, "business"),  # 1990.00 a year: 165.83 a month
        "late": subscribe(store(demo.loyalty, "late"), "essential", state="past_due"),  # 29.00
        "swiss": subscribe(store(demo.loyalty, "swiss"), "enterprise"),  # CHF 499.00
        "trial": subscribe(store(demo.main, "trial"), "business", state="trialing"),
        "paused": subscribe(store(demo.main, "paused"), "business", state="paused"),
        "gone": subscribe(store(demo.main, "gone"), "business", state="cancelled"),
        "gone-long-ago": subscribe(store(demo.main, "old"), "business", state="cancelled"),
    }
    subs["bistro"].interval = "year"
    for name, subscription in subs.items():
        if name != "trial":
            subscription.created_at = long_ago
    subs["gone"].cancelled_at = datetime.now(UTC) - timedelta(days=10)
    subs["gone-long-ago"].cancelled_at = datetime.now(UTC) - timedelta(days=40)
    db.session.commit()
    return subs


def test_figures_for_every_platform(app, book):
    figures = services.billing_figures(None)
    assert figures.mrr_cents == {"CHF": 49900, "EUR": 7900 + 16583 + 2900}
    assert (figures.active, figures.trials, figures.past_due) == (3, 1, 1)
    # Running 30 days ago: acme, bistro, late, swiss, paused, gone; gone was cancelled since.
    assert (figures.cancelled_in_period, figures.active_at_start) == (1, 6)
    assert figures.churn == Decimal(1) / Decimal(6)


def test_figures_of_one_platform(app, demo, book):
    figures = services.billing_figures([demo.loyalty.id])
    assert figures.mrr_cents == {"CHF": 49900, "EUR": 16583 + 2900}
    assert (figures.active, figures.trials, figures.past_due, figures.cancelled_in_period) == (2, 0, 1, 0)
    assert figures.churn == 0


def test_no_subscriptions_no_churn(app, demo, tiers):
    figures = services.billing_figures(None)
    assert figures.mrr_cents == {} and figures.churn is None and figures.active == 0


def test_mrr_per_subscription(app, book):
    assert [services.mrr_cents(book[name]) for name in ("acme", "bistro", "late", "trial", "paused", "gone")] == [
        7900, 16583, 2900, 0, 0, 0]


def test_the_admin_dashboard_shows_the_figures(client, demo, login_as, book):
    login_as(demo.admin)
    page = client.get("/admin/").get_data(as_text=True)
    assert "Monthly recurring revenue" in page and "€273.83" in page and "CHF" in page and "499.00" in page
    assert "Churn, last 30 days" in page and "16.7%" in page
    assert "1 cancelled of 6 running 30 days ago" in page
    assert "/admin/billing/subscriptions?state=past_due" in page


def test_a_platform_admin_sees_their_platforms_figures(client, demo, login_as, book):
    login_as(loyalty_admin(demo))
    page = client.get("/admin/").get_data(as_text=True)
    assert "€194.83" in page and "€273.83" not in page
