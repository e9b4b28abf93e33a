"""Messaging: email templates, outgoing mail, merchant notifications and shopper contact messages."""

from flask_babel import lazy_gettext as _l

from webapp.framework.registry import ModuleDefinition, Permission

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
        Permission("messaging.notifications.view", _l("View notifications"),
                   _l("See the store's dashboard notifications."),
                   category="messaging", roles=("owner", "manager", "staff")),
        Permission("messaging.contact.view", _l("View contact messages"),
                   _l("Read the messages shoppers send through the contact form."),
                   category="messaging", roles=("owner", "manager", "staff")),
        Permission("messaging.platform_templates.manage", _l("Manage platform email templates"),
                   _l("Edit the platform's default email templates."),
                   category="messaging", roles=("platform_admin",)),
    ),
    config={"SEND_RETRIES": 3},
)
