"""Messaging: email templates, outgoing mail, merchant notifications and shopper contact messages."""

from flask_babel import lazy_gettext as _l

from webapp.framework.registry import EventSubscription, MenuItem, ModuleDefinition, Permission

module = ModuleDefinition(
    code="messaging",
    name="Messaging",
    description="Email templates in each language, reliable sending of outgoing email, notifications in "
                "the merchant dashboard and contact messages from shoppers.",
    version="1.0.0",
    is_core=True,
    permissions=(
        Permission("messaging.templates.manage", _l("Manage email templates"),
                   _l("Edit the store's email templates in each language."),
                   category="messaging", roles=("owner", "manager")),
        # Not staff: the outbox holds customers' emails, password-reset links included.
        Permission("messaging.notifications.view", _l("View notifications"),
                   _l("See the store's dashboard notifications and the emails sent on its behalf."),
                   category="messaging", roles=("owner", "manager")),
        Permission("messaging.contact.view", _l("View contact messages"),
                   _l("Read the messages shoppers send through the contact form."),
                   category="messaging", roles=("owner", "manager", "staff")),
        Permission("messaging.platform_templates.manage", _l("Manage platform email templates"),
                   _l("Edit the platform's default email templates."),
                   category="messaging", roles=("platform_admin",)),
        Permission("messaging.outbox.view", _l("View outgoing emails"),
                   _l("See every email the platform and its stores sent, with its delivery status."),
                   category="messaging", roles=("platform_admin",)),
    ),
    menu_items={
        "store": (MenuItem(_l("Emails"), "messaging_store.outbox_list", icon="mail",
                           permission="messaging.notifications.view", order=80),),
        "admin": (MenuItem(_l("Emails"), "messaging_admin.outbox_list", icon="mail",
                           permission="messaging.outbox.view", order=80),),
    },
    event_handlers=(EventSubscription("tenancy.merchant_signed_up", "events:on_merchant_signed_up"),),
    # Without an SMTP host, emails go to the development outbox (the log) and are marked sent.
    config={
        "SEND_RETRIES": 3,
        "SMTP_HOST": "",
        "SMTP_PORT": 587,
        "SMTP_TLS": True,
        "SMTP_USER": "",
        # Empty by default: set MESSAGING_SMTP_PASSWORD in the environment.
        "SMTP_PASSWORD": "",  # nosec B105
        "SMTP_TIMEOUT": 10,
        "MAIL_FROM": "Orion <no-reply@orion.localhost>",
    },
)
