"""Fragments billing renders into other modules' pages: the merchant's subscriptions on the admin's
merchant page."""

from __future__ import annotations

from flask import render_template
from flask_login import current_user
from markupsafe import Markup

from webapp.framework.auth.access import has_permission
from webapp.modules.billing import services
from webapp.modules.billing.views.admin import STATE_BADGES, STATE_LABELS
from webapp.modules.billing.views.money import cents


def merchant_subscriptions(merchant_id: int | None = None, **_context) -> Markup:
    """Admin merchant page: the merchant's subscriptions on the platforms this admin sees, linked."""
    if merchant_id is None or not has_permission("billing.subscriptions.manage"):
        return Markup("")
    subscriptions = services.merchant_subscriptions(merchant_id, current_user.admin_platform_ids)
    return Markup(render_template(  # noqa: S704 (autoescaped)  # nosec B704
        "billing/admin/merchants/_subscriptions.html", subscriptions=subscriptions, cents=cents,
        mrr_cents=services.mrr_cents, state_labels=STATE_LABELS, state_badges=STATE_BADGES))
