"""Page data of core's pages: what the platform site's features page lists."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from flask_babel import gettext


@dataclass(frozen=True)
class Feature:
    code: str
    name: str
    description: str


@dataclass(frozen=True)
class FeatureGroup:
    title: str
    features: tuple[Feature, ...]


def _merchant_facing(registry) -> set[str]:
    # Modules a merchant or shopper actually meets: those with store-dashboard or storefront pages.
    return {code for code, frontend in registry.blueprints().values() if frontend in ("store", "storefront")}


def feature_groups(platform) -> list[FeatureGroup]:
    """The modules enabled on the platform, by name and description: what every shop gets, then the rest."""
    registry = current_app.extensions["orion.modules"]
    shown = _merchant_facing(registry)
    enabled = [d for d in registry if d.code in platform.enabled_modules and d.code in shown and not d.is_internal]
    included = tuple(Feature(d.code, d.name, d.description) for d in sorted(enabled, key=lambda d: d.name) if d.is_core)
    extra = tuple(Feature(d.code, d.name, d.description) for d in sorted(enabled, key=lambda d: d.name)
                  if not d.is_core)
    groups = [FeatureGroup(gettext("Included in every shop"), included),
              FeatureGroup(gettext("Also on %(platform)s", platform=platform.name), extra)]
    return [group for group in groups if group.features]
