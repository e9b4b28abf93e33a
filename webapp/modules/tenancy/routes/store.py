"""Store dashboard pages of tenancy: settings, going live, the team.

One blueprint; each area's views live in `routes/store_views/<area>.py` (route files are named
after their frontend, so the areas sit in a package beside it).
"""

from __future__ import annotations

from flask import Blueprint

from webapp.framework.routing.areas import register_areas
from webapp.modules.tenancy.routes.store_views import launch, settings, team

bp = Blueprint("tenancy_store", __name__)
register_areas(bp, settings.area, launch.area, team.area)
