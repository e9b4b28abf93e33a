"""The platform's pricing page shows the tiers billing offers (through its `pricing` context provider)."""

from __future__ import annotations

from webapp.extensions import db


def test_the_pricing_page_shows_the_offered_tiers(client, demo, tiers):
    html = client.get("/platforms/main/pricing").get_data(as_text=True)
    assert "Free to start" not in html
    for name in ("Essential", "Professional", "Business", "Enterprise"):
        assert f"<h2>{name}</h2>" in html and f"Start with {name}" in html
    assert "€29.00" in html and "or €290.00 a year" in html and "14 days free trial" in html
    assert "30 days free trial" in html and "Up to 100 products" in html and "Unlimited products" in html
    assert "Catalog: Bulk editing, Collections" in html
    # Analytics is still a definition: its features are not advertised on any plan yet.
    assert "Advanced reports" not in html and "Analytics:" not in html
    assert html.index("Essential") < html.index("Professional") < html.index("Business") < html.index("Enterprise")


def test_a_retired_tier_leaves_the_pricing_page(client, demo, tiers):
    from webapp.modules.billing.services import retire_tier

    retire_tier(demo.loyalty.id, tiers[(demo.loyalty.id, "enterprise")].id)
    db.session.commit()
    html = client.get("/platforms/loyalty/pricing").get_data(as_text=True)
    assert "<h2>Business</h2>" in html and "<h2>Enterprise</h2>" not in html
    assert "<h2>Enterprise</h2>" in client.get("/platforms/main/pricing").get_data(as_text=True)


def test_without_tiers_the_page_says_free_to_start(client, demo):
    assert "Free to start" in client.get("/platforms/main/pricing").get_data(as_text=True)
