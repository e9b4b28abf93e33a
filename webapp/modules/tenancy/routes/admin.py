"""Admin pages of tenancy: platforms and their modules, merchants, stores, platform users.

One blueprint; each area's views live in `routes/admin_views/<area>.py` and list their rules in `ROUTES`
(route files are named after their frontend, so the areas sit in a package beside it).
"""

from __future__ import annotations

from flask import Blueprint

from webapp.modules.tenancy.routes.admin_views import merchants, platforms, stores, users

bp = Blueprint("tenancy_admin", __name__)

for _area in (platforms, merchants, stores, users):
    for _rule, _view, _methods in _area.ROUTES:
        bp.add_url_rule(_rule, view_func=_view, methods=_methods)
