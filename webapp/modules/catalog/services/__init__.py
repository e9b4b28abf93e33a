"""Public API of the catalog module (other modules import only from here).

Every function that touches store data takes `store_id` first and opens that store's scope
itself, so views, jobs and commands call the same functions. `variant_snapshots` gives cart,
checkout and orders what they need about variants (price, SKU, title, stock item, image) in two
queries.
"""

from webapp.modules.catalog.services.filters import ListingQuery
from webapp.modules.catalog.services.images import (
    EncodedImage,
    add_image,
    add_missing_renditions,
    delete_image,
    encode_image,
    encode_upload,
    remove_files,
)
from webapp.modules.catalog.services.inputs import GroupInput, ProductInput, TextInput, VariantInput
from webapp.modules.catalog.services.language import Texts, pick_texts
from webapp.modules.catalog.services.listing import (
    ListingPage,
    ProductCard,
    Scope,
    cards_for,
    featured_products,
    list_products,
    option_facets,
)
from webapp.modules.catalog.services.onboarding import has_products
from webapp.modules.catalog.services.options import option_labels, product_options, save_labels, stored_labels
from webapp.modules.catalog.services.products import (
    create_product,
    delete_products,
    get_product,
    search_products,
    set_status,
    update_product,
)
from webapp.modules.catalog.services.snapshots import VariantSnapshot, image_url, variant_snapshots
from webapp.modules.catalog.services.stock import item_labels, product_stock, variant_figures
from webapp.modules.catalog.services.storefront import find_product, product_page, sitemap_products
from webapp.modules.catalog.services.taxonomy import (
    all_categories,
    all_collections,
    category_tree,
    create_category,
    delete_category,
    delete_collection,
    descendant_ids,
    get_category,
    get_collection,
    save_collection,
    update_category,
)
from webapp.modules.catalog.services.usage import mb_of, product_count, storage_bytes, storage_mb

__all__ = [
    "EncodedImage",
    "GroupInput",
    "ListingPage",
    "ListingQuery",
    "ProductCard",
    "ProductInput",
    "Scope",
    "TextInput",
    "Texts",
    "VariantInput",
    "VariantSnapshot",
    "add_image",
    "add_missing_renditions",
    "all_categories",
    "all_collections",
    "cards_for",
    "category_tree",
    "create_category",
    "create_product",
    "delete_category",
    "delete_collection",
    "delete_image",
    "delete_products",
    "descendant_ids",
    "encode_image",
    "encode_upload",
    "featured_products",
    "find_product",
    "get_category",
    "get_collection",
    "get_product",
    "has_products",
    "image_url",
    "item_labels",
    "list_products",
    "mb_of",
    "option_facets",
    "option_labels",
    "pick_texts",
    "product_count",
    "product_options",
    "product_page",
    "product_stock",
    "remove_files",
    "save_collection",
    "save_labels",
    "search_products",
    "set_status",
    "sitemap_products",
    "storage_bytes",
    "storage_mb",
    "stored_labels",
    "update_category",
    "update_product",
    "variant_figures",
    "variant_snapshots",
]
