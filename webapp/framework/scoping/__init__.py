"""Tenant scoping: one mechanism that filters every statement on store-owned rows.

Models that carry a `store_id` inherit `StoreScoped`. While a store is in scope (set for store
and storefront requests, and by jobs with `store_scope`), every statement the Session executes
is limited to that store, whatever its shape (`statements.py`); on PostgreSQL, row-level security
policies back it (`row_security.py`). A statement on store-owned tables with no store in scope
fails loudly; cross-store code says so explicitly with `all_stores(reason=...)` or
`.execution_options(all_stores="reason")`.
"""

from webapp.framework.scoping import row_security, statements  # noqa: F401  (registers the hooks)
from webapp.framework.scoping.context import (
    all_stores,
    all_stores_reason,
    scoped_store_id,
    set_store_scope,
    store_scope,
)
from webapp.framework.scoping.model import STORE_TABLE, StoreScoped, TenantScopeError, store_tables

__all__ = ["STORE_TABLE", "StoreScoped", "TenantScopeError", "all_stores", "all_stores_reason",
           "scoped_store_id", "set_store_scope", "store_scope", "store_tables"]
