"""Feature gates: tier features a module's menu or view may depend on.

A module that sells tiers (billing) may provide the `feature_gate` port; without it every
declared feature is available, which is what a self-hosted single-merchant install wants.
"""

from __future__ import annotations

from flask import current_app, g


def feature_enabled(feature: str) -> bool:
    gate = current_app.extensions["orion.ports"].get("feature_gate")
    if gate is None:
        return True
    return gate(feature, store=g.get("store"), platform=g.get("platform"))
