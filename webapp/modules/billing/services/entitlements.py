"""What a store may use: its merchant's tier and subscription state, as one `Entitlements`.

The one place that answers the framework's `feature_gate` and `usage_limits` ports. Each state maps
to an entitlement set: trialing, active and past due keep the tier; restricted keeps the features
but creates nothing new; paused and cancelled close the storefront and leave the dashboard read only.
A store whose merchant has no subscription (a platform selling no tiers) is not limited at all.
Answers are kept per process and dropped in every process (within a second) when a subscription or
tier changes.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from flask import current_app, url_for
from flask_babel import gettext as _
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from webapp.extensions import db
from webapp.framework.caching import GenerationCache, versions
from webapp.framework.limits import ALLOWED, LimitVerdict
from webapp.modules.billing.models import Subscription, Tier
from webapp.modules.tenancy import services as tenancy

FULL_STATES = ("trialing", "active", "past_due")
CLOSED_STATES = ("paused", "cancelled")
INVALIDATE_KEY = "billing.entitlements_changed"


@dataclass(frozen=True)
class Limit:
    value: int | None  # None: unlimited
    policy: str = "block"  # "block" refuses beyond the value, "warn" allows and says so


@dataclass(frozen=True)
class Entitlements:
    subscription_id: int
    tier_id: int
    tier_code: str
    tier_name: str
    state: str
    features: frozenset[str] = frozenset()
    limits: dict[str, Limit] = field(default_factory=dict)

    @property
    def creates_allowed(self) -> bool:
        return self.state in FULL_STATES

    @property
    def store_open(self) -> bool:
        return self.state not in CLOSED_STATES

    def limit(self, name: str) -> Limit:
        return self.limits.get(name, Limit(None))


SYNC_SECONDS = 1.0  # how long another process's change may take to reach this one


def _cache() -> GenerationCache:
    cache = current_app.extensions.get("billing.entitlements")
    if cache is None:
        cache = current_app.extensions["billing.entitlements"] = GenerationCache("billing", versions(), ttl=300)
        cache.synced_at = 0.0
    if time.monotonic() - cache.synced_at > SYNC_SECONDS:
        cache.sync()  # one version read a second, not one per menu entry
        cache.synced_at = time.monotonic()
    return cache


def _load(merchant_id: int, platform_id: int) -> Entitlements | None:
    row = db.session.execute(select(Subscription, Tier).join(Tier, Subscription.tier_id == Tier.id).where(
        Subscription.merchant_id == merchant_id, Subscription.platform_id == platform_id)).first()
    if row is None:
        return None
    subscription, tier = row
    limits = {name: Limit(spec.get("value"), spec.get("policy", "block")) for name, spec in (tier.limits or {}).items()}
    return Entitlements(subscription.id, tier.id, tier.code, tier.name, subscription.state,
                        frozenset(tier.features or ()), limits)


def merchant_entitlements(merchant_id: int, platform_id: int) -> Entitlements | None:
    return _cache().get(("merchant", merchant_id, platform_id), lambda: _load(merchant_id, platform_id))


def store_entitlements(store_id: int) -> Entitlements | None:
    """The entitlements of the store's merchant on the store's platform (None: not limited)."""
    def load():
        owner = tenancy.store_owner_and_platform(store_id)
        return None if owner is None else _load(*owner)

    return _cache().get(("store", store_id), load)


def invalidate_after_commit() -> None:
    """Services call this when they change a subscription or a tier."""
    db.session.info[INVALIDATE_KEY] = True


@event.listens_for(Session, "after_commit")
def _invalidate(session) -> None:
    if session.info.pop(INVALIDATE_KEY, False):
        cache = current_app.extensions.get("billing.entitlements")
        if cache is not None:
            cache.invalidate()
        else:
            versions().bump("billing")


@event.listens_for(Session, "after_rollback")
def _forget(session) -> None:
    session.info.pop(INVALIDATE_KEY, None)


# --- the framework's ports ----------------------------------------------------------------------

def feature_gate(feature: str, *, store=None, platform=None) -> bool:
    """`feature_gate` port: whether the current store's tier includes `feature` (outside a store: yes)."""
    if store is None:
        return True
    entitlements = merchant_entitlements(store.merchant_id, store.platform_id)
    return entitlements is None or feature in entitlements.features


def upgrade_link(feature: str, *, store=None, platform=None) -> str | None:
    """`upgrade_link` port: the store's plans page, where a tier with `feature` can be chosen."""
    return None if store is None else _upgrade_url(store.id)


def usage_limits(store_id: int, limit: str, *, adding: int = 1) -> LimitVerdict:
    """`usage_limits` port: whether the store may add `adding` more of `limit` under its tier."""
    from webapp.modules.billing.services.usage import usage  # usage asks other modules: import late

    entitlements = store_entitlements(store_id)
    if entitlements is None:
        return ALLOWED
    if not entitlements.creates_allowed:
        return LimitVerdict(False, _("Your subscription is restricted until the open invoice is paid."),
                            _upgrade_url(store_id))
    rule = entitlements.limit(limit)
    if rule.value is None:
        return ALLOWED
    if usage(store_id, limit) + adding <= rule.value:
        return ALLOWED
    message = _("Your %(tier)s plan allows %(count)s %(what)s.", tier=entitlements.tier_name, count=rule.value,
                what=limit_label(limit))
    if rule.policy == "warn":
        return LimitVerdict(True, message, _upgrade_url(store_id))
    return LimitVerdict(False, message, _upgrade_url(store_id))


def _upgrade_url(store_id: int) -> str | None:
    code = tenancy.store_codes([store_id]).get(store_id)
    if code is None or "billing_store.plans" not in current_app.view_functions:
        return None
    try:
        return url_for("billing_store.plans", store_code=code)
    except RuntimeError:  # an order placed by a job or a command (no request, no SERVER_NAME): no one to link
        return None


def limit_label(limit: str) -> str:
    return {"products": _("products"), "staff_seats": _("team members"), "stores": _("stores"),
            "orders_per_month": _("orders a month"), "storage_mb": _("MB of storage"),
            "languages": _("languages")}.get(limit, limit)
