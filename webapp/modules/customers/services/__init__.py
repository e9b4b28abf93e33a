"""Public API of the customers module (other modules import only from here).

Every function takes the store id first and the customer by id. Cart, checkout, orders and
loyalty use: `find_or_create_guest` and `register_customer` (checkout), `get_customer`,
`list_addresses` / `get_address` / `default_address` (a checkout address must be the customer's
own), and `record_order` / `record_refund` (order figures shown to the merchant). The shopper's
session on the current store (`current_customer`, `sign_in`, `customer_required`) is request glue:
it lives in `webapp.modules.customers.session`.
"""

from webapp.modules.customers.exceptions import (
    AddressNotFound,
    CustomerNotFound,
    CustomersError,
    DuplicateEmail,
    WeakPassword,
    WrongPassword,
)
from webapp.modules.customers.services.accounts import (
    Profile,
    authenticate,
    change_password,
    delete_customer,
    erase_customer,
    export_customer_data,
    find_by_email,
    find_or_create_guest,
    get_customer,
    register_customer,
    set_password,
    update_profile,
)
from webapp.modules.customers.services.addresses import (
    AddressData,
    add_address,
    default_address,
    delete_address,
    get_address,
    list_addresses,
    set_default_address,
    update_address,
)
from webapp.modules.customers.services.emails import send_password_reset, send_welcome_email
from webapp.modules.customers.services.export import export_customers_csv
from webapp.modules.customers.services.listing import (
    SEGMENTS,
    customers_for_export,
    search_customers,
    segment_counts,
    top_spender_threshold,
)
from webapp.modules.customers.services.reset import customer_from_reset_token, make_reset_token, reset_password
from webapp.modules.customers.services.stats import record_order, record_refund

__all__ = [
    "SEGMENTS",
    "AddressData",
    "AddressNotFound",
    "CustomerNotFound",
    "CustomersError",
    "DuplicateEmail",
    "Profile",
    "WeakPassword",
    "WrongPassword",
    "add_address",
    "authenticate",
    "change_password",
    "customer_from_reset_token",
    "customers_for_export",
    "default_address",
    "delete_address",
    "delete_customer",
    "erase_customer",
    "export_customer_data",
    "export_customers_csv",
    "find_by_email",
    "find_or_create_guest",
    "get_address",
    "get_customer",
    "list_addresses",
    "make_reset_token",
    "record_order",
    "record_refund",
    "register_customer",
    "reset_password",
    "search_customers",
    "segment_counts",
    "send_password_reset",
    "send_welcome_email",
    "set_default_address",
    "set_password",
    "top_spender_threshold",
    "update_address",
    "update_profile",
]
