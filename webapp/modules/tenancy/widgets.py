"""Dashboard cards from the tenancy module."""

from __future__ import annotations

from flask_babel import format_decimal
from flask_babel import gettext as _
from sqlalchemy import func, select

from webapp.extensions import db
from webapp.framework.providers import Widget
from webapp.modules.tenancy.models import Merchant, Platform, Store, StoreMembership, User


def dashboard_widgets(frontend: str, **_context) -> list[Widget]:
    if frontend == "admin":
        return _admin_widgets()
    if frontend == "store":
        return _store_widgets(_context["store"])
    return []


def _admin_widgets() -> list[Widget]:
    counts = db.session.execute(select(
        select(func.count(Platform.id)).scalar_subquery(),
        select(func.count(Merchant.id)).scalar_subquery(),
        select(func.count(Store.id)).scalar_subquery(),
        select(func.count(Store.id)).where(Store.status == "active").scalar_subquery(),
        select(func.count(User.id)).scalar_subquery(),
    )).one()
    platforms, merchants, stores, active, users = counts
    return [
        Widget(_("Platforms"), format_decimal(platforms), endpoint="tenancy_admin.platform_list", order=10),
        Widget(_("Merchants"), format_decimal(merchants), endpoint="tenancy_admin.merchant_list", order=20),
        Widget(_("Stores"), format_decimal(stores), _("%(num)s active", num=format_decimal(active)),
               endpoint="tenancy_admin.store_list", order=30),
        Widget(_("Platform users"), format_decimal(users), order=40),
    ]


def _store_widgets(store) -> list[Widget]:
    members = db.session.scalar(select(func.count(StoreMembership.id)).where(StoreMembership.store_id == store.id))
    return [Widget(_("Team members"), format_decimal(members or 0), endpoint="tenancy_store.team_show", order=90)]
