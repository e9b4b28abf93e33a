"""Catalog: products, variants, categories and collections, and the storefront's product pages."""

from flask_babel import lazy_gettext as _l

from webapp.framework.registry import MenuItem, ModuleDefinition, OnboardingStep, Permission

module = ModuleDefinition(
    code="catalog",
    name="Catalog",
    description="Products with variants, categories, collections, images and per-language content; "
                "storefront listing, search, filters and product pages.",
    version="1.0.0",
    requires=("inventory",),
    features=("catalog.collections", "catalog.bulk_actions"),
    permissions=(
        Permission("catalog.products.view", _l("View products"), _l("See the product list and details."),
                   category="catalog", roles=("owner", "manager", "staff")),
        Permission("catalog.products.manage", _l("Manage products"),
                   _l("Create, edit, publish, archive and delete products and their variants."),
                   category="catalog", roles=("owner", "manager")),
        Permission("catalog.categories.manage", _l("Manage categories"),
                   _l("Create, edit and arrange categories and collections."),
                   category="catalog", roles=("owner", "manager")),
    ),
    menu_items={
        "store": (
            MenuItem(_l("Products"), "catalog_store.product_list", icon="tag",
                     permission="catalog.products.view", order=20),
            MenuItem(_l("Categories"), "catalog_store.category_list", icon="box",
                     permission="catalog.categories.manage", order=21),
            MenuItem(_l("Collections"), "catalog_store.collection_list", icon="star",
                     permission="catalog.categories.manage", feature="catalog.collections", order=22),
        ),
        "storefront": (MenuItem(_l("Shop"), "catalog_storefront.product_list", order=10),),
    },
    slots={"storefront.home.sections": "slots:home_sections", "storefront.header.search": "slots:header_search"},
    widget_provider="widgets:dashboard_widgets",
    demo_data="demo:seed",
    search_providers={"store": "search:store_results"},
    implements={"catalog.variant_snapshots": "services:variant_snapshots",
                "catalog.content_language": "views.language:content_language",
                "catalog.item_labels": "views.language:item_labels",
                "usage.products": "services:product_count", "usage.storage_mb": "services:storage_mb"},
    config={"PAGE_SIZE": 24, "MAX_IMAGE_MB": 5, "MAX_IMAGE_PIXELS": 40_000_000, "LOW_STOCK_DISPLAY": 5},
    onboarding_steps=(OnboardingStep("product", _l("Add your first product"),
                                     "catalog_store.product_new", "services:has_products", order=10),),
)
