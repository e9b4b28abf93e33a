"""Admin search box results: merchants, stores and users of the admin's platforms."""

from __future__ import annotations

from flask_babel import gettext as _

from webapp.framework.search import SearchResult
from webapp.modules.tenancy import services


def _ids(platform_ids) -> list[int] | None:
    return None if platform_ids is None else list(platform_ids)


def admin_results(term: str, *, limit: int, platform_ids=None, **_scope) -> list[SearchResult]:
    ids = _ids(platform_ids)
    results = [SearchResult(_("Merchants"), merchant.legal_name,
                            merchant.owner.email if merchant.owner else (merchant.vat_number or ""),
                            "tenancy_admin.merchant_list", {"q": merchant.legal_name})
               for merchant in services.search_merchants(term, platform_ids=ids).items[:limit]]
    results += [SearchResult(_("Stores"), store.name, f"{store.code} · {store.merchant.legal_name}",
                             "tenancy_admin.store_list", {"q": store.code})
                for store in services.search_stores(term, platform_ids=ids).items[:limit]]
    # The users page belongs to the admin pages of tenancy; until it exists the results stay hidden.
    results += [SearchResult(_("Users"), user.display_name, user.email, "tenancy_admin.user_list", {"q": user.email})
                for user in services.search_users(term, platform_ids=ids, limit=limit)]
    return results
