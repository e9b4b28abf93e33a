"""Store dashboard cards: orders today, revenue of the last 30 days, orders to ship; orders over the plan."""

from __future__ import annotations

from datetime import datetime, time

from flask_babel import format_decimal
from flask_babel import gettext as _

from webapp.framework.auth.access import has_permission
from webapp.framework.i18n import money
from webapp.framework.limits import check_limit
from webapp.framework.providers import Widget
from webapp.modules.orders.models import utcnow
from webapp.modules.orders.services import queries, usage


def dashboard_widgets(frontend: str, **context) -> list[Widget]:
    if frontend != "store" or not has_permission("orders.view"):
        return []
    store = context["store"]
    midnight = datetime.combine(utcnow().date(), time.min, tzinfo=utcnow().tzinfo)
    orders = "orders_store.order_list"
    return [
        Widget(_("Orders today"), format_decimal(queries.orders_since(store.id, midnight)), endpoint=orders, order=10),
        Widget(_("Revenue, last 30 days"), money(queries.revenue_since(store.id, queries.last_days(30), store.currency),
                                                 store.currency),
               _("Paid orders, refunds deducted"), endpoint=orders, order=11),
        Widget(_("To ship"), format_decimal(queries.to_ship_count(store.id)), _("Paid orders not yet shipped"),
               endpoint=orders, args={"payment": "paid", "fulfilment": "unfulfilled"}, order=12),
        *_over_plan(store.id),
    ]


def _over_plan(store_id: int) -> list[Widget]:
    """This month's orders, only when the plan has something to say about them (beyond its limit, restricted)."""
    verdict = check_limit(store_id, "orders_per_month", adding=0)
    if not verdict.message:
        return []
    return [Widget(_("Orders this month"), format_decimal(usage.orders_this_month(store_id)),
                   verdict.message, endpoint="orders_store.order_list", order=13)]
