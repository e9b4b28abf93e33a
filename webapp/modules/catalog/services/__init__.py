"""Public API of the catalog module (other modules import only from here).

`variant_snapshots` gives cart, checkout and orders what they need about variants (price, SKU,
title, stock item, image) in two queries; `content_language` says which language the storefront
shows content in.
"""

from webapp.modules.catalog.services.inputs import GroupInput, ProductInput, TextInput, VariantInput
from webapp.modules.catalog.services.language import content_language
from webapp.modules.catalog.services.products import (
    create_product,
    delete_products,
    get_product,
    search_products,
    set_status,
    update_product,
)
from webapp.modules.catalog.services.snapshots import VariantSnapshot, variant_snapshots
from webapp.modules.catalog.services.stock import item_labels

__all__ = [
    "GroupInput",
    "ProductInput",
    "TextInput",
    "VariantInput",
    "VariantSnapshot",
    "content_language",
    "create_product",
    "delete_products",
    "get_product",
    "item_labels",
    "search_products",
    "set_status",
    "update_product",
    "variant_snapshots",
]
