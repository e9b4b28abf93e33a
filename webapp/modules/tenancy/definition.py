"""Tenancy: platforms, merchants, stores, domains, platform users, store teams and roles."""

from flask_babel import lazy_gettext as _l

from webapp.framework.registry import MenuItem, ModuleDefinition, OnboardingStep, Permission

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
        Permission("tenancy.stores.manage", _l("Create, edit, approve and suspend stores"), category="tenancy",
                   roles=ADMIN),
        Permission("tenancy.team.view", _l("View the store team"), category="tenancy",
                   roles=("owner", "manager")),
        Permission("tenancy.team.manage", _l("Invite and remove team members"), category="tenancy",
                   roles=("owner",)),
        Permission("tenancy.settings.manage", _l("Change store settings"), category="tenancy", roles=("owner",)),
        Permission("tenancy.store.launch", _l("Launch the store"), category="tenancy", roles=("owner",)),
        Permission("tenancy.platforms.create", _l("Create platforms"), category="tenancy"),  # super admins only
        Permission("tenancy.merchants.manage", _l("Create and edit merchants"), category="tenancy", roles=ADMIN),
        Permission("tenancy.users.view", _l("View platform users"), category="tenancy", roles=ADMIN),
        Permission("tenancy.users.manage", _l("Invite platform users, change their roles, deactivate them"),
                   category="tenancy", roles=ADMIN),
    ),
    menu_items={
        "admin": (
            MenuItem(_l("Platforms"), "tenancy_admin.platform_list", icon="globe",
                     permission="tenancy.platforms.view", order=20),
            MenuItem(_l("Merchants"), "tenancy_admin.merchant_list", icon="users",
                     permission="tenancy.merchants.view", order=30),
            MenuItem(_l("Stores"), "tenancy_admin.store_list", icon="store",
                     permission="tenancy.stores.view", order=40),
            MenuItem(_l("Users"), "tenancy_admin.user_list", icon="users",
                     permission="tenancy.users.view", order=45),
        ),
        "store": (MenuItem(_l("Settings"), "tenancy_store.settings_show", icon="settings",
                           permission="tenancy.settings.manage", order=90),
                  MenuItem(_l("Team"), "tenancy_store.team_show", icon="users",
                           permission="tenancy.team.view", order=85),),
    },
    provides={"tenant_directory": "services.directory:SqlTenantDirectory", "user_loader": "services.users:load_user",
              "login_view": "routes.auth:LOGIN_VIEW", "installer": "services.install:Installer",
              "account_gate": "services.two_factor:required_step"},
    context_providers={"platform": "views:platform_home"},
    slots={"storefront.footer": "slots:store_contact", "store.onboarding.launch": "slots:launch_step"},
    widget_provider="widgets:dashboard_widgets",
    demo_data="demo:seed",
    config={
        # Signups per visitor address; resends of the verification email likewise.
        "SIGNUP_RATE_LIMIT": "5 per hour",
        "VERIFICATION_RESEND_RATE_LIMIT": "3 per 10 minutes;10 per day",
        "EMAIL_VERIFICATION_MAX_AGE": 48 * 3600,
        # Seconds an emailed team invitation stays valid (7 days).
        "INVITATION_MAX_AGE": 7 * 24 * 3600,
        "PASSWORD_RESET_MAX_AGE": 3600,  # nosec B105
        "ACCOUNT_RATE_LIMIT": "5 per minute;20 per hour",  # forgot password, reset, second factor
        "TWO_FACTOR_PENDING_MAX_AGE": 300,  # seconds between the password and the code at sign-in
    },
    onboarding_steps=(
        OnboardingStep("look", _l("Customise the look of your shop"), "tenancy_store.settings_show",
                       "services:has_custom_look", order=40),
        OnboardingStep("domain", _l("Add your own domain"), "tenancy_store.settings_show",
                       "services:has_store_domain", order=50),
        OnboardingStep("launch", _l("Launch your shop"), None, "services:is_store_live", order=90),
    ),
    search_providers={"admin": "search:admin_results"},
)
