"""Admin pages of billing.

One blueprint; each area's views live in `routes/admin_views/<area>.py` and are registered here.
"""

from __future__ import annotations

from flask import Blueprint

from webapp.framework.routing.areas import register_areas
from webapp.modules.billing.routes.admin_views import invoices

bp = Blueprint("billing_admin", __name__)
register_areas(bp, invoices.area)
