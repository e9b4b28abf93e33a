"""Public API of the customers module (other modules import only from here).

Cart, checkout, orders and loyalty use: `current_customer`, `sign_in`, `sign_out` (the
shopper's session on the current store), `find_or_create_guest` (guest checkout),
`get_customer`, `list_addresses` / `get_address` (a checkout address must be the customer's
own), and `record_order` / `record_refund` (order figures shown to the merchant).
"""

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
from webapp.modules.customers.services.listing import (
    SEGMENTS,
    customers_for_export,
    search_customers,
    segment_counts,
    segments_of,
    top_spender_threshold,
)
from webapp.modules.customers.services.reset import customer_from_reset_token, make_reset_token, reset_password
from webapp.modules.customers.services.stats import record_order, record_refund
from webapp.modules.customers.session import current_customer, sign_in, sign_out

__all__ = [
    "SEGMENTS",
    "AddressData",
    "Profile",
    "add_address",
    "authenticate",
    "change_password",
    "current_customer",
    "customer_from_reset_token",
    "customers_for_export",
    "default_address",
    "delete_address",
    "delete_customer",
    "erase_customer",
    "export_customer_data",
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
    "segments_of",
    "set_default_address",
    "set_password",
    "sign_in",
    "sign_out",
    "top_spender_threshold",
    "update_address",
    "update_profile",
]
