"""Admin pages of billing: the tiers each platform sells, and merchants' subscriptions.

One blueprint; each area's views live in `routes/admin_views/<area>.py` and list their rules in `ROUTES`.
"""

from __future__ import annotations

from flask import Blueprint

from webapp.modules.billing.routes.admin_views import subscriptions, tiers

bp = Blueprint("billing_admin", __name__)

for _area in (tiers, subscriptions):
    for _rule, _view, _methods in _area.ROUTES:
        bp.add_url_rule(_rule, view_func=_view, methods=_methods)
