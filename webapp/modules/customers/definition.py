"""Customers: shopper accounts on the storefront and the merchant's customer list."""

from flask_babel import lazy_gettext as _l

from webapp.framework.registry import MenuItem, ModuleDefinition, Permission

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
    menu_items={
        "store": (MenuItem(_l("Customers"), "customers_store.customer_list", icon="users",
                           permission="customers.view", order=40),),
    },
    slots={"storefront.header.actions": "slots:header_actions"},
    demo_data="demo:seed",
    search_providers={"store": "search:store_results"},
    config={
        # Seconds a password-reset link stays valid.
        "PASSWORD_RESET_MAX_AGE": 3600,  # nosec B105
        # Total spent (store currency) from which a customer is a "top spender".
        "TOP_SPENDER_THRESHOLD": 500,
        # Sign-in, registration and password-reset attempts per client address.
        "RATE_LIMIT": "10 per minute;50 per hour",
    },
)
