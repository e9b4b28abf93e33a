"""Billing fixtures: the demo tiers, and a merchant on a tier of the test's choosing."""

import pytest
from sqlalchemy import select

from webapp.extensions import db
from webapp.modules.billing.models import Subscription, Tier


@pytest.fixture
def tiers(demo):
    """The demo tiers on both platforms, no subscription yet: {(platform code, tier code): Tier}."""
    from webapp.modules.billing.demo import SELLERS, TIERS
    from webapp.modules.billing.models import BillingSettings
    from webapp.modules.billing.services import create_tier

    for platform in (demo.main, demo.loyalty):
        db.session.add(BillingSettings(platform_id=platform.id, vat_rate=17, **SELLERS[platform.code]))
        for values in TIERS:
            create_tier(platform.id, values)
    db.session.commit()
    return {(t.platform_id, t.code): t for t in db.session.scalars(select(Tier))}


# --- dunning, trial end, payment method ---------------------------------------------------------

@pytest.fixture
def travel(app):
    """`travel(days)`: move billing's clock forward and run the day's billing jobs (as the CLI does)."""
    from webapp.modules.billing import jobs
    from webapp.modules.billing.services import advance_clock

    def run(days: int = 0, *, seconds: int = 0) -> dict:
        advance_clock(days=days, seconds=seconds)
        db.session.commit()
        return jobs.run_dunning_day()

    return run


@pytest.fixture
def with_card():
    """`with_card(subscription, "4000000000000002")`: a test-gateway card on file (saved as the page does)."""
    from webapp.modules.payments.services import CardInput, save_card

    def run(subscription: Subscription, number: str = "4242424242424242") -> Subscription:
        saved = save_card("test", CardInput(number, 12, 2099, "123"))
        subscription.payment_method_ref, subscription.payment_method_label = saved.reference, saved.label
        db.session.commit()
        return subscription

    return run


@pytest.fixture
def subscribe(tiers):
    """`subscribe(store, "essential", state="active")`: the store's merchant on that tier of its platform."""
    from webapp.modules.billing.services import start_trial

    def run(store, code: str, *, state: str = "active") -> Subscription:
        subscription = start_trial(store.merchant_id, store.platform_id, tier_id=tiers[(store.platform_id, code)].id)
        subscription.state = state
        db.session.commit()
        return subscription

    return run


# --- plan limits and feature gates (test_limits_*.py, test_feature_gates.py) ---------------------

@pytest.fixture
def set_limit(tiers):
    """`set_limit(store, "essential", "products", 3, policy="warn")`: that tier of the store's platform
    gets the limit (None: unlimited), seen by the entitlements at once."""
    from webapp.modules.billing.services.entitlements import invalidate_after_commit

    def run(store, code: str, name: str, value, *, policy: str = "block") -> None:
        tier = db.session.get(Tier, tiers[(store.platform_id, code)].id)
        tier.limits = {**(tier.limits or {}), name: {"value": value, "policy": policy}}
        invalidate_after_commit()
        db.session.commit()

    return run


@pytest.fixture
def plans_url(app, monkeypatch):
    """The upgrade link the limit checks and gates give: billing's plans page once it exists; until
    then a stand-in `/store/<code>/billing/plans`, so the tests see the link travel to the page."""
    from webapp.modules.billing.services import entitlements
    from webapp.modules.tenancy import services as tenancy

    if "billing_store.plans" not in app.view_functions:
        monkeypatch.setattr(entitlements, "_upgrade_url",
                            lambda store_id: f"/store/{tenancy.store_codes([store_id])[store_id]}/billing/plans")
        return lambda store: f"/store/{store.code}/billing/plans"

    def real(store):
        from flask import url_for

        with app.test_request_context():
            return url_for("billing_store.plans", store_code=store.code)

    return real
