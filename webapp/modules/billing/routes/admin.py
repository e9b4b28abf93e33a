"""Admin pages of billing: the tiers each platform sells, merchants' subscriptions, platform invoices.

One blueprint; each area's views live in `routes/admin_views/<area>.py` and are registered here.
"""

from __future__ import annotations

from flask import Blueprint

from webapp.framework.routing.areas import register_areas
from webapp.modules.billing.routes.admin_views import invoices, subscriptions, tiers

bp = Blueprint("billing_admin", __name__)
register_areas(bp, invoices.area)
for _area in (tiers, subscriptions):
    for _rule, _view, _methods in _area.ROUTES:
        bp.add_url_rule(_rule, view_func=_view, methods=_methods)
