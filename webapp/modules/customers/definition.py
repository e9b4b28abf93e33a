"""Customers: shopper accounts on the storefront and the merchant's customer list."""

from flask_babel import lazy_gettext as _l

from webapp.framework.registry import ModuleDefinition, Permission

module = ModuleDefinition(
    code="customers",
    name="Customers",
    description="Shopper accounts (sign-up, log-in, password reset, addresses, order history, data download "
                "and deletion) and the merchant's customer list with search, segments and CSV export.",
    version="1.0.0",
    is_core=True,
    permissions=(
        Permission("customers.view", _l("View customers"),
                   _l("See the customer list, segments and customer details."),
                   category="customers", roles=("owner", "manager", "staff")),
        Permission("customers.export", _l("Export customers"),
                   _l("Download the customer list as a CSV file."),
                   category="customers", roles=("owner", "manager")),
        Permission("customers.manage", _l("Manage customers"),
                   _l("Edit customer details and addresses, and delete customer accounts."),
                   category="customers", roles=("owner", "manager")),
    ),
    # Seconds a password-reset link stays valid.
    config={"PASSWORD_RESET_MAX_AGE": 3600},  # nosec B105
)
