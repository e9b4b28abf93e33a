"""Public API of the tenancy module (other modules import only from here)."""

from webapp.modules.tenancy.services.merchants import (
    BusinessDetails,
    business_details,
    seller_details,
    update_business_details,
)
from webapp.modules.tenancy.services.modules import ModulePlan, apply_module_plan, enabled_modules, plan_module_change
from webapp.modules.tenancy.services.platforms import (
    create_platform,
    get_platform_for_admin,
    get_store_for_admin,
    platforms_for_admin,
)
from webapp.modules.tenancy.services.stores import (
    StoreLanguages,
    add_member,
    add_store_domain,
    create_merchant,
    create_store,
    open_stores,
    platform_id_of_store,
    search_merchants,
    search_stores,
    set_store_status,
    store_codes,
    store_id_by_code,
    store_languages,
    store_names,
    stores_of_user,
)
from webapp.modules.tenancy.services.users import authenticate, create_user, set_password, user_emails, user_names

__all__ = [
    "BusinessDetails",
    "ModulePlan",
    "StoreLanguages",
    "add_member",
    "add_store_domain",
    "apply_module_plan",
    "authenticate",
    "business_details",
    "create_merchant",
    "create_platform",
    "create_store",
    "create_user",
    "enabled_modules",
    "get_platform_for_admin",
    "get_store_for_admin",
    "open_stores",
    "plan_module_change",
    "platform_id_of_store",
    "platforms_for_admin",
    "search_merchants",
    "search_stores",
    "seller_details",
    "set_password",
    "set_store_status",
    "store_codes",
    "store_id_by_code",
    "store_languages",
    "store_names",
    "stores_of_user",
    "update_business_details",
    "user_emails",
    "user_names",
]
