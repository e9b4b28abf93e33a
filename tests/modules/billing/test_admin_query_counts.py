"""The billing admin pages run the same number of queries for a few subscriptions as for a full page."""

from webapp.extensions import db
from webapp.modules.billing.services import start_trial
from webapp.modules.tenancy.services import create_merchant, create_store

PAGES = ["/admin/billing/subscriptions", "/admin/billing/subscriptions?state=active&q=shop",
         "/admin/billing/tiers", "/admin/"]


def grow(demo, tiers, start: int, count: int) -> None:
    """`count` more merchants with a store each on main, subscribed to a tier in turn, every other one paid."""
    codes = ("essential", "professional", "business", "enterprise")
    for number in range(start, start + count):
        merchant = create_merchant(f"Shop {number} SARL", city="Luxembourg")
        store = create_store(demo.main.id, merchant.id, f"shop{number:03d}", f"Shop {number}")
        subscription = start_trial(merchant.id, demo.main.id, tier_id=tiers[(demo.main.id, codes[number % 4])].id)
        subscription.state = "active" if number % 2 else "trialing"
        subscription.interval = "year" if number % 3 == 0 else "month"
        assert store.id
    db.session.commit()


def test_billing_admin_pages_do_not_grow_with_their_rows(client, demo, tiers, login_as, count_queries):
    login_as(demo.admin)

    def counted():
        for path in PAGES:
            assert client.get(path).status_code == 200, path  # warm the caches
        counts = {}
        for path in PAGES:
            with count_queries() as statements:
                client.get(path)
            counts[path] = len(statements)
        return counts

    grow(demo, tiers, 1, 2)
    few = counted()
    grow(demo, tiers, 3, 30)
    assert counted() == few
    page = client.get("/admin/billing/subscriptions").get_data(as_text=True)
    assert page.count("<tr") > 20 and "32 subscriptions" in page
