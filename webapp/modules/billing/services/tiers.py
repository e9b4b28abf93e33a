"""Tiers as data: what a platform sells, validated here for the admin editor, the demo and tests."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlalchemy import func, select

from webapp.extensions import db
from webapp.modules.billing.exceptions import InvalidTier, TierInUse
from webapp.modules.billing.models import LIMIT_POLICIES, LIMITS, Subscription, Tier
from webapp.modules.billing.services.entitlements import invalidate_after_commit

CODE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$")
MAX_PRICE_CENTS = 100_000_000  # a million a month is beyond any plan; catches a typo in cents


@dataclass(frozen=True)
class TierValues:
    code: str
    name: str
    monthly_price_cents: int
    yearly_price_cents: int
    currency: str = "EUR"
    trial_days: int = 14
    description: str = ""
    limits: dict[str, dict] = field(default_factory=dict)  # {"products": {"value": 100, "policy": "block"}}
    features: tuple[str, ...] = ()
    position: int = 0


def tier_problems(platform_id: int, values: TierValues, *, known_features: frozenset[str] | None = None,
                  tier_id: int | None = None) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not CODE.match(values.code or ""):
        problems["code"] = "characters"
    elif db.session.scalar(select(Tier.id).where(Tier.platform_id == platform_id, Tier.code == values.code,
                                                 Tier.id != (tier_id or 0))):
        problems["code"] = "taken"
    if not (values.name or "").strip() or len(values.name) > 80:
        problems["name"] = "length"
    for name in ("monthly_price_cents", "yearly_price_cents"):
        if not 0 <= getattr(values, name) <= MAX_PRICE_CENTS:
            problems[name] = "range"
    if not 0 <= values.trial_days <= 365:
        problems["trial_days"] = "range"
    if not re.fullmatch(r"[A-Z]{3}", values.currency or ""):
        problems["currency"] = "unknown"
    for limit, spec in values.limits.items():
        value = spec.get("value")
        if limit not in LIMITS or spec.get("policy", "block") not in LIMIT_POLICIES or (
                value is not None and (not isinstance(value, int) or value < 0)):
            problems[f"limit_{limit}"] = "invalid"
    if known_features is not None and set(values.features) - known_features:
        problems["features"] = "unknown"
    return problems


def create_tier(platform_id: int, values: TierValues, *, known_features: frozenset[str] | None = None) -> Tier:
    problems = tier_problems(platform_id, values, known_features=known_features)
    if problems:
        raise InvalidTier(problems)
    tier = Tier(platform_id=platform_id, **_columns(values))
    db.session.add(tier)
    db.session.flush()
    invalidate_after_commit()
    return tier


def update_tier(platform_id: int, tier_id: int, values: TierValues, *,
                known_features: frozenset[str] | None = None) -> Tier:
    tier = get_tier(platform_id, tier_id)
    problems = tier_problems(platform_id, values, known_features=known_features, tier_id=tier_id)
    if problems:
        raise InvalidTier(problems)
    for name, value in _columns(values).items():
        setattr(tier, name, value)
    db.session.flush()
    invalidate_after_commit()
    return tier


def _columns(values: TierValues) -> dict:
    return {"code": values.code, "name": values.name.strip(), "description": values.description.strip(),
            "currency": values.currency, "monthly_price_cents": values.monthly_price_cents,
            "yearly_price_cents": values.yearly_price_cents, "trial_days": values.trial_days,
            "limits": {k: {"value": v.get("value"), "policy": v.get("policy", "block")}
                       for k, v in values.limits.items()},
            "features": sorted(set(values.features)), "position": values.position}


def get_tier(platform_id: int, tier_id: int) -> Tier:
    tier = db.session.scalar(select(Tier).where(Tier.id == tier_id, Tier.platform_id == platform_id))
    if tier is None:
        raise InvalidTier({"tier": "unknown"})
    return tier


def platform_tiers(platform_id: int, *, offered_only: bool = False) -> list[Tier]:
    """The platform's tiers in their order; `offered_only`: those new subscriptions may choose."""
    query = select(Tier).where(Tier.platform_id == platform_id)
    if offered_only:
        query = query.where(Tier.status == "active")
    return list(db.session.scalars(query.order_by(Tier.position, Tier.monthly_price_cents, Tier.id)))


def subscriptions_on(tier_id: int) -> int:
    return db.session.scalar(select(func.count()).select_from(Subscription).where(
        (Subscription.tier_id == tier_id) | (Subscription.scheduled_tier_id == tier_id))) or 0


def retire_tier(platform_id: int, tier_id: int, *, retired: bool = True) -> Tier:
    """A retired tier keeps its subscribers and takes no new ones."""
    tier = get_tier(platform_id, tier_id)
    tier.status = "retired" if retired else "active"
    db.session.flush()
    return tier


def delete_tier(platform_id: int, tier_id: int) -> None:
    tier = get_tier(platform_id, tier_id)
    if subscriptions_on(tier.id):
        raise TierInUse(f"tier {tier.code} has subscriptions: retire it instead")
    db.session.delete(tier)
    db.session.flush()
