"""Subscriptions: where a merchant's plan stands on a platform. Starting one is here; changes of tier
(`changes.py`), renewals and dunning (`renewals.py`, `dunning.py`) build on the same rows."""

from __future__ import annotations

import calendar
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select

from webapp.extensions import db
from webapp.modules.billing.exceptions import ChangeRefused, NoSubscription
from webapp.modules.billing.models import Subscription, Tier
from webapp.modules.billing.services import clock
from webapp.modules.billing.services.entitlements import invalidate_after_commit
from webapp.modules.billing.services.tiers import platform_tiers


def add_interval(start: datetime, interval: str) -> datetime:
    """One month (or year) after `start`, on the same day where the month has it, else its last day."""
    months = 12 if interval == "year" else 1
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return start.replace(year=year, month=month, day=day)


def start_trial(merchant_id: int, platform_id: int, *, tier_id: int | None = None,
                payment_method_ref: str | None = None, payment_method_label: str = "") -> Subscription | None:
    """A trial of `tier_id` (default: the platform's first offered tier) for the merchant; None when the
    platform sells no tiers. Idempotent: an existing subscription is returned as it is."""
    existing = db.session.scalar(select(Subscription).where(Subscription.merchant_id == merchant_id,
                                                            Subscription.platform_id == platform_id))
    if existing is not None:
        return existing
    tier = db.session.get(Tier, tier_id) if tier_id else next(iter(platform_tiers(platform_id, offered_only=True)),
                                                              None)
    if tier is None or tier.platform_id != platform_id:
        return None
    now = clock.now()
    days = tier.trial_days if tier.trial_days is not None else current_app.config["BILLING_TRIAL_DAYS"]
    trial_end = now + timedelta(days=days)
    subscription = Subscription(merchant_id=merchant_id, platform_id=platform_id, tier_id=tier.id, interval="month",
                                state="trialing" if days else "active", trial_ends_at=trial_end if days else None,
                                current_period_start=now, current_period_end=trial_end if days else
                                add_interval(now, "month"), payment_method_ref=payment_method_ref,
                                payment_method_label=payment_method_label)
    db.session.add(subscription)
    db.session.flush()
    invalidate_after_commit()
    return subscription


def merchant_subscription(merchant_id: int, platform_id: int) -> Subscription | None:
    return db.session.scalar(select(Subscription).where(Subscription.merchant_id == merchant_id,
                                                        Subscription.platform_id == platform_id))


def get_subscription(subscription_id: int) -> Subscription:
    subscription = db.session.get(Subscription, subscription_id)
    if subscription is None:
        raise NoSubscription(f"no subscription {subscription_id}")
    return subscription


MAX_TRIAL_EXTENSION_DAYS = 90


def extend_trial(subscription_id: int, days: int) -> Subscription:
    """Give a trialing subscription `days` (1 to 90) more days; its period ends with the trial."""
    subscription = get_subscription(subscription_id)
    if subscription.state != "trialing" or subscription.trial_ends_at is None:
        raise ChangeRefused("not_trialing")
    if not isinstance(days, int) or not 1 <= days <= MAX_TRIAL_EXTENSION_DAYS:
        raise ChangeRefused("days")
    subscription.trial_ends_at = subscription.trial_ends_at + timedelta(days=days)
    subscription.current_period_end = subscription.trial_ends_at
    db.session.flush()
    invalidate_after_commit()
    return subscription
