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
        Permission("core.audit.view", _l("See the audit log of the platform"), category="core",
                   roles=("platform_admin",)),
        Permission("core.store_audit.view", _l("See the store's audit log"), category="core", roles=("owner",)),
        Permission("core.support.open", _l("Open a store's dashboard read-only (support view)"), category="core",
                   roles=("platform_admin",)),
    ),
    provides={"audit_log": "services.audit:record_entry"},
    demo_data="demo:seed",
    demo_after=("tenancy",),
    slots={"admin.merchant.detail": "slots:merchant_trail", "admin.store.detail": "slots:store_trail",
           "admin.platform.detail": "slots:platform_trail"},
    menu_items={
        "admin": (MenuItem(_l("Dashboard"), "core_admin.dashboard_show", icon="home",
                           permission="core.admin.dashboard", order=0),
                  MenuItem(_l("Audit log"), "core_admin.audit_list", icon="activity",
                           permission="core.audit.view", order=90)),
        "store": (MenuItem(_l("Dashboard"), "core_store.dashboard_show", icon="home",
                           permission="core.store.dashboard", order=0),
                  MenuItem(_l("Audit log"), "core_store.audit_list", icon="activity",
                           permission="core.store_audit.view", order=95)),
        "storefront": (MenuItem(_l("Home"), "core_storefront.home_show", order=0),),
        "platform": (MenuItem(_l("Home"), "core_platform.home_show", order=0),
                     MenuItem(_l("Features"), "core_platform.features_show", order=10),
                     MenuItem(_l("Pricing"), "core_platform.pricing_show", order=20)),
    },
)
