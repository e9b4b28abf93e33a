"""What billing gives the platform's marketing site: the tiers it offers, for the pricing page."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _

from webapp.modules.billing.services import platform_tiers
from webapp.modules.billing.views.money import cents
from webapp.modules.billing.views.store import INTERVALS, feature_groups, tier_limits


@dataclass(frozen=True)
class PricingPlan:
    name: str
    price: str
    period: str
    trial_days: int
    highlights: tuple[str, ...]
    description: str = ""


def _highlights(tier) -> tuple[str, ...]:
    yearly = _("or %(amount)s a year", amount=cents(tier.yearly_price_cents, tier.currency))
    features = [_("%(module)s: %(features)s", module=group.module, features=", ".join(group.features))
                for group in feature_groups(tier.features)]
    return (yearly, *tier_limits(tier), *features)


def pricing_plans(platform=None, **_kwargs) -> dict:
    """`pricing` context provider: the platform's offered tiers as plans (nothing when it sells none)."""
    if platform is None:
        return {}
    tiers = platform_tiers(platform.id, offered_only=True)
    if not tiers:
        return {}
    return {"plans": [PricingPlan(t.name, cents(t.monthly_price_cents, t.currency), str(INTERVALS["month"]),
                                  t.trial_days or 0, _highlights(t), t.description or "") for t in tiers]}
