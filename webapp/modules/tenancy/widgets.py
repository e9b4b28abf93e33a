"""Dashboard cards from the tenancy module."""

from __future__ import annotations

from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from webapp.extensions import db
from webapp.framework.providers import Widget
from webapp.modules.tenancy.models import StoreMembership
from webapp.modules.tenancy.services import admin_counts


def dashboard_widgets(frontend: str, **_context) -> list[Widget]:
    if frontend == "admin":
        return _admin_widgets()
    if frontend == "store":
        return _store_widgets(_context["store"])
    return []


def _admin_widgets() -> list[Widget]:
    # Platform admins count only what their platforms hold.
    counts = admin_counts(current_user.admin_platform_ids)
    return [
        Widget(_("Platforms"), format_decimal(counts.platforms), endpoint="tenancy_admin.platform_list", order=10),
        Widget(_("Merchants"), format_decimal(counts.merchants), endpoint="tenancy_admin.merchant_list", order=20),
        Widget(_("Stores"), format_decimal(counts.stores), _("%(num)s active", num=format_decimal(counts.active)),
               endpoint="tenancy_admin.store_list", order=30),
        Widget(_("Awaiting approval"), format_decimal(counts.pending), _("Stores to approve"),
               endpoint="tenancy_admin.store_list", args={"status": "pending"}, order=35),
        Widget(_("Platform users"), format_decimal(counts.staff), endpoint="tenancy_admin.user_list", order=40),
    ]


def _store_widgets(store) -> list[Widget]:
    members = db.session.scalar(select(func.count(StoreMembership.id)).where(StoreMembership.store_id == store.id))
    return [Widget(_("Team members"), format_decimal(members or 0), endpoint="tenancy_store.team_show", order=90)]
