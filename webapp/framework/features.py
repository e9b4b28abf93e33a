"""Feature gates: tier features a module's menu or view may depend on.

A module that sells tiers (billing) may provide the `feature_gate` port; without it every
declared feature is available, which is what a self-hosted single-merchant install wants.
The same module may provide `upgrade_link`: where the store can get a feature it lacks, shown with
the refusal of a gated page (the framework never imports the module that sells tiers).
"""

from __future__ import annotations

from typing import Protocol

from flask import current_app, g
from flask_babel import gettext as _

from webapp.framework.errors import render_error


def feature_enabled(feature: str) -> bool:
    gate = current_app.extensions["orion.ports"].get("feature_gate")
    if gate is None:
        return True
    return gate(feature, store=g.get("store"), platform=g.get("platform"))


class UpgradeLink(Protocol):
    def __call__(self, feature: str, *, store=None, platform=None) -> str | None: ...


def feature_upgrade_url(feature: str) -> str | None:
    """Where the current store can get `feature` (None: nowhere to send it, e.g. no billing)."""
    link = current_app.extensions["orion.ports"].get("upgrade_link")
    if link is None:
        return None
    return link(feature, store=g.get("store"), platform=g.get("platform"))


def feature_refusal(feature: str):
    """The 403 answer for what the store's plan lacks: why, and where to upgrade (a fragment for htmx).

    The request guard gives it for `@feature_required` views; a view that gates part of what it
    does (several products at once, a second location) returns it too.
    """
    url = feature_upgrade_url(feature)
    text = _("Your plan does not include this feature.")
    if url:
        text += " " + _("Upgrade your plan to use it.")
    return render_error(403, title=_("Not in your plan"), text=text, link_url=url,
                        link_label=_("Upgrade your plan") if url else None)
