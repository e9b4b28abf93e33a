"""Store dashboard pages of billing (Store → Billing).

One blueprint; each area's views live in `routes/store_views/<area>.py`.
"""

from __future__ import annotations

from flask import Blueprint

from webapp.framework.routing.areas import register_areas
from webapp.modules.billing.routes.store_views import payment_method

bp = Blueprint("billing_store", __name__)
register_areas(bp, payment_method.area)
