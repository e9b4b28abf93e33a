"""Store search box results: the store's products (name or SKU)."""

from __future__ import annotations

from flask_babel import gettext as _

from webapp.framework.search import SearchResult
from webapp.modules.catalog import services


def store_results(term: str, *, limit: int, store_id: int, language: str, default_language: str,
                  **_scope) -> list[SearchResult]:
    results = []
    for product in services.search_products(store_id, term=term, per_page=limit).items:
        skus = ", ".join(variant.sku for variant in product.variants[:3] if variant.sku)
        results.append(SearchResult(_("Products"), pick_name(product, language, default_language), skus,
                                    "catalog_store.product_edit", {"product_id": product.id}))
    return results


def pick_name(product, language: str, default_language: str) -> str:
    return services.pick_texts(product.translations, language, default_language).name
