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
