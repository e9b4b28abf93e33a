"""Store dashboard pages of billing.

One blueprint; each area's views live in `routes/store_views/<area>.py` and are registered here.
"""

from __future__ import annotations

from flask import Blueprint

from webapp.framework.routing.areas import register_areas
from webapp.modules.billing.routes.store_views import invoices, payment_method, plan, usage

bp = Blueprint("billing_store", __name__)
register_areas(bp, plan.area, usage.area, invoices.area, payment_method.area)
