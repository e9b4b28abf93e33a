"""Tenancy: platforms, merchants, stores, domains, platform users, store teams and roles."""

from flask_babel import lazy_gettext as _l

from webapp.framework.registry import MenuItem, ModuleDefinition, Permission

ADMIN = ("platform_admin",)

module = ModuleDefinition(
    code="tenancy",
    name="Tenancy",
    description="Platforms, merchants and stores with their domains, platform users, store teams and "
                "roles, and which modules each platform offers.",
    is_core=True,
    route_prefix="",
    permissions=(
        Permission("tenancy.platforms.view", _l("View platforms"), category="tenancy", roles=ADMIN),
        Permission("tenancy.platforms.manage", _l("Manage platforms and their modules"), category="tenancy",
                   roles=ADMIN),
        Permission("tenancy.merchants.view", _l("View merchants"), category="tenancy", roles=ADMIN),
        Permission("tenancy.stores.view", _l("View stores"), category="tenancy", roles=ADMIN),
        Permission("tenancy.stores.manage", _l("Suspend and activate stores"), category="tenancy", roles=ADMIN),
        Permission("tenancy.team.view", _l("View the store team"), category="tenancy",
                   roles=("owner", "manager")),
        Permission("tenancy.team.manage", _l("Invite and remove team members"), category="tenancy",
                   roles=("owner",)),
        Permission("tenancy.settings.manage", _l("Change store settings"), category="tenancy", roles=("owner",)),
    ),
    menu_items={
        "admin": (
            MenuItem(_l("Platforms"), "tenancy_admin.platform_list", icon="globe",
                     permission="tenancy.platforms.view", order=20),
            MenuItem(_l("Merchants"), "tenancy_admin.merchant_list", icon="users",
                     permission="tenancy.merchants.view", order=30),
            MenuItem(_l("Stores"), "tenancy_admin.store_list", icon="store",
                     permission="tenancy.stores.view", order=40),
        ),
        "store": (MenuItem(_l("Business details"), "tenancy_store.business_edit", icon="receipt",
                           permission="tenancy.settings.manage", order=90),),
    },
    provides={"tenant_directory": "services.directory:SqlTenantDirectory", "user_loader": "services.users:load_user",
              "login_view": "routes.auth:LOGIN_VIEW"},
    context_providers={"platform": "views:platform_home"},
    slots={"storefront.footer": "slots:store_contact"},
    widget_provider="widgets:dashboard_widgets",
    demo_data="demo:seed",
    search_providers={"admin": "search:admin_results"},
)
