"""Entitlements: the tier decides features and limits through the framework's ports, one helper."""

from datetime import timedelta

import pytest

from webapp.extensions import db
from webapp.framework.limits import check_limit
from webapp.modules.billing.services import store_entitlements, usage

pytestmark = pytest.mark.usefixtures("isolated_requests")


def test_no_subscription_limits_nothing(app, demo, tiers):
    with app.test_request_context():
        assert store_entitlements(demo.acme.id) is None
        assert check_limit(demo.acme.id, "staff_seats", adding=100).allowed


def test_a_gated_page_answers_403_and_its_menu_entry_disappears(client, demo, subscribe, login_as):
    subscribe(demo.acme, "essential")
    login_as(demo.owner)
    response = client.get("/store/acme/catalog/collections")
    assert response.status_code == 403
    assert 'href="/store/acme/catalog/collections"' not in client.get("/store/acme/").get_data(as_text=True)


def test_the_feature_is_there_on_a_tier_that_includes_it(client, demo, subscribe, login_as):
    subscribe(demo.acme, "professional")
    login_as(demo.owner)
    assert client.get("/store/acme/catalog/collections").status_code == 200
    assert 'href="/store/acme/catalog/collections"' in client.get("/store/acme/").get_data(as_text=True)


def test_a_tier_change_reaches_the_gate_at_once(client, demo, subscribe, tiers, login_as):
    subscription = subscribe(demo.acme, "professional")
    login_as(demo.owner)
    assert client.get("/store/acme/catalog/collections").status_code == 200
    from webapp.modules.billing.services.entitlements import invalidate_after_commit

    subscription.tier_id = tiers[(demo.main.id, "essential")].id
    invalidate_after_commit()
    db.session.commit()
    assert client.get("/store/acme/catalog/collections").status_code == 403


def test_seats_are_counted_and_blocked_beyond_the_tier(app, demo, subscribe):
    subscribe(demo.acme, "essential")  # two seats: the owner and the staff member take them
    with app.test_request_context():
        assert usage(demo.acme.id, "staff_seats") == 2
        verdict = check_limit(demo.acme.id, "staff_seats", adding=1)
        assert not verdict.allowed and "Essential" in verdict.message


def test_a_restricted_subscription_creates_nothing(app, demo, subscribe):
    subscribe(demo.acme, "enterprise", state="restricted")
    with app.test_request_context():
        assert not check_limit(demo.acme.id, "products", adding=1).allowed


def test_a_trial_starts_when_a_merchant_signs_up(app, demo, tiers):
    from webapp.framework.events import publish
    from webapp.modules.billing.services import merchant_subscription, now
    from webapp.modules.contracts.events import MerchantSignedUp

    with app.test_request_context():
        publish(MerchantSignedUp(platform_id=demo.loyalty.id, store_id=demo.bistro.id,
                                 merchant_id=demo.bistro.merchant_id, user_id=demo.bistro_owner.id))
        db.session.commit()
        subscription = merchant_subscription(demo.bistro.merchant_id, demo.loyalty.id)
        assert subscription.state == "trialing" and subscription.tier.code == "essential"
        ends = subscription.trial_ends_at.replace(tzinfo=None)
        assert abs(ends - (now() + timedelta(days=14)).replace(tzinfo=None)) < timedelta(minutes=1)
