"""Dashboard cards from the tenancy module."""

from __future__ import annotations

from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from webapp.extensions import db
from webapp.framework.providers import Widget
from webapp.modules.tenancy.models import Merchant, Platform, Store, StoreMembership, User
from webapp.modules.tenancy.services import admin_platform_ids


def dashboard_widgets(frontend: str, **_context) -> list[Widget]:
    if frontend == "admin":
        return _admin_widgets()
    if frontend == "store":
        return _store_widgets(_context["store"])
    return []


def _admin_widgets() -> list[Widget]:
    # A platform admin counts only their platforms' merchants, stores and users (None: a super admin, all).
    ids = admin_platform_ids(actor_id=current_user.id)
    platforms, stores = select(func.count(Platform.id)), select(func.count(Store.id))
    merchants, users = select(func.count(Merchant.id)), select(func.count(User.id))
    if ids is not None:
        platforms = platforms.where(Platform.id.in_(ids))
        stores = stores.where(Store.platform_id.in_(ids))
        merchants = merchants.where(Merchant.id.in_(select(Store.merchant_id).where(Store.platform_id.in_(ids))))
        members = select(StoreMembership.user_id).join(Store).where(Store.platform_id.in_(ids))
        users = users.where(User.platform_id.in_(ids) | User.id.in_(members))
    counts = db.session.execute(select(
        platforms.scalar_subquery(), merchants.scalar_subquery(), stores.scalar_subquery(),
        stores.where(Store.status == "active").scalar_subquery(), users.scalar_subquery(),
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
    return [Widget(_("Team members"), format_decimal(members or 0), order=90)]
