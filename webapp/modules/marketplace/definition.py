"""Marketplace: product CSV import and export, and product feeds for external marketplaces."""

from flask_babel import lazy_gettext as _l

from webapp.framework.registry import ModuleDefinition, Permission

module = ModuleDefinition(
    code="marketplace",
    name="Marketplace",
    description="Import products from a CSV file (checked before anything is saved), export them to CSV, "
                "and publish product feeds for external marketplaces such as Google Merchant.",
    version="1.0.0",
    requires=("inventory",),
    features=("marketplace.import", "marketplace.feeds"),
    permissions=(
        Permission("marketplace.import", _l("Import products"), _l("Upload and import product CSV files."),
                   category="marketplace", roles=("owner", "manager")),
        Permission("marketplace.export", _l("Export products"), _l("Download the products as a CSV file."),
                   category="marketplace", roles=("owner", "manager")),
        Permission("marketplace.feeds.manage", _l("Manage product feeds"),
                   _l("Set up and switch off product feeds for external marketplaces."),
                   category="marketplace", roles=("owner", "manager")),
    ),
    config={"BATCH_SIZE": 200},
)
