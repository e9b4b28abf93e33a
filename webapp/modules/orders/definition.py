"""Orders: the order lifecycle from placement to delivery, fulfilment, refunds and invoices."""

from flask_babel import lazy_gettext as _l

from webapp.framework.registry import EventSubscription, MenuItem, ModuleDefinition, Permission

module = ModuleDefinition(
    code="orders",
    name="Orders",
    description="The store's orders with numbering, payment and fulfilment status kept apart, partial "
                "shipments, refunds with restock, internal notes, packing slips and printable invoices.",
    version="1.0.0",
    permissions=(
        Permission("orders.view", _l("View orders"), _l("See the order list, order details and invoices."),
                   category="orders", roles=("owner", "manager", "staff")),
        Permission("orders.fulfil", _l("Fulfil orders"),
                   _l("Ship items, mark orders delivered or returned, and add internal notes."),
                   category="orders", roles=("owner", "manager", "staff")),
        Permission("orders.manage", _l("Manage orders"),
                   _l("Cancel and close orders."),
                   category="orders", roles=("owner", "manager")),
        Permission("orders.refund", _l("Refund orders"),
                   _l("Refund orders in full or in part through the payment gateway."),
                   category="orders", roles=("owner", "manager")),
    ),
    menu_items={
        "store": (MenuItem(_l("Orders"), "orders_store.order_list", icon="receipt", permission="orders.view",
                           order=10),),
    },
    event_handlers=(EventSubscription("payments.succeeded", "events:on_payment_succeeded"),),
    slots={
        "storefront.account.orders": "slots:account_orders",
        "store.customer.detail": "slots:customer_orders",
        "admin.merchant.detail": "slots:merchant_orders",
    },
    widget_provider="widgets:dashboard_widgets",
    implements={"orders.numbers": "services.numbers:order_numbers",
                "usage.orders_per_month": "services:orders_this_month"},
    demo_data="demo:seed",
    search_providers={"admin": "search:admin_results", "store": "search:store_results"},
    demo_after=("catalog", "customers", "inventory"),
)
