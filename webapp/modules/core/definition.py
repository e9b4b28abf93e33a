"""Core: dashboards for admin and store, the storefront and platform home pages."""

from flask_babel import lazy_gettext as _l

from webapp.framework.registry import MenuItem, ModuleDefinition, Permission

module = ModuleDefinition(
    code="core",
    name="Core",
    description="Dashboards for platform admins and merchants with widgets from enabled modules, the "
                "storefront and platform home pages, profile, settings and language switching.",
    is_core=True,
    route_prefix="",
    permissions=(
        Permission("core.admin.dashboard", _l("See the admin dashboard"), category="core",
                   roles=("platform_admin", "translator")),
        Permission("core.store.dashboard", _l("See the store dashboard"), category="core",
                   roles=("owner", "manager", "staff")),
    ),
    provides={"audit_log": "services.audit:record_entry"},
    menu_items={
        "admin": (MenuItem(_l("Dashboard"), "core_admin.dashboard_show", icon="home",
                           permission="core.admin.dashboard", order=0),),
        "store": (MenuItem(_l("Dashboard"), "core_store.dashboard_show", icon="home",
                           permission="core.store.dashboard", order=0),),
        "storefront": (MenuItem(_l("Home"), "core_storefront.home_show", order=0),),
        "platform": (MenuItem(_l("Home"), "core_platform.home_show", order=0),
                     MenuItem(_l("Features"), "core_platform.features_show", order=10),
                     MenuItem(_l("Pricing"), "core_platform.pricing_show", order=20)),
    },
)
