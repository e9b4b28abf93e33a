"""Store search box results: the store's customers (name or email)."""

from __future__ import annotations

from flask_babel import gettext as _

from webapp.framework.search import SearchResult
from webapp.modules.customers import services


def store_results(term: str, *, limit: int, store_id: int, **_scope) -> list[SearchResult]:
    return [SearchResult(_("Customers"), customer.display_name, customer.email, "customers_store.customer_show",
                         {"customer_id": customer.id})
            for customer in services.search_customers(store_id, term).items[:limit]]
