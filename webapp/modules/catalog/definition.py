"""Catalog: products, variants, categories and collections, and the storefront's product pages."""

from flask_babel import lazy_gettext as _l

from webapp.framework.registry import ModuleDefinition, Permission

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
    config={"PAGE_SIZE": 24},
)
