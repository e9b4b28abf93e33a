"""Search box results: order numbers (and emails) in the store; order numbers across the admin's platforms."""

from __future__ import annotations

from flask_babel import gettext as _

from webapp.framework.search import SearchResult
from webapp.modules.orders import services
from webapp.modules.tenancy.services import store_codes, store_ids_on_platforms, store_names


def store_results(term: str, *, limit: int, store_id: int, **_scope) -> list[SearchResult]:
    page = services.search_orders(store_id, services.OrderQuery(term=term), per_page=limit)
    return [SearchResult(_("Orders"), f"#{order.number}", order.email, "orders_store.order_show",
                         {"order_id": order.id})
            for order in page.items]


def admin_results(term: str, *, limit: int, platform_ids=None, **_scope) -> list[SearchResult]:
    """Orders whose number is `term` in the stores of the admin's platforms, linked to their store."""
    number = term.strip().lstrip("#")
    if not (number.isdigit() and len(number) < 10):
        return []
    store_ids = None if platform_ids is None else store_ids_on_platforms(platform_ids)
    found = services.orders_with_number(int(number), store_ids=store_ids, limit=limit)
    names, codes = store_names(o.store_id for o in found), store_codes(o.store_id for o in found)
    return [SearchResult(_("Orders"), f"#{order.number} · {names.get(order.store_id, '')}", order.email,
                         "tenancy_admin.store_list", {"q": codes.get(order.store_id, "")})
            for order in found]
