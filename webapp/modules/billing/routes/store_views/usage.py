"""Store → Billing → Usage: each limit of the plan as a meter."""

from __future__ import annotations

from flask import g

from webapp.framework.auth.access import permission_required
from webapp.framework.htmx import render
from webapp.framework.routing.areas import RouteArea
from webapp.modules.billing import services
from webapp.modules.billing.views.store import meters

area = RouteArea()
USAGE_PAGE, USAGE_PARTIAL = "billing/store/usage/index.html", "billing/store/usage/_meters.html"


@area.get("/usage")
@permission_required("billing.view")
def usage_show():
    entitlements = services.store_entitlements(g.store.id)
    return render(USAGE_PAGE, USAGE_PARTIAL, meters=meters(services.usage_report(g.store.id), entitlements),
                  tier_name=entitlements.tier_name if entitlements else None)
