"""Public API of the messaging module (other modules import only from here)."""

from webapp.modules.messaging.exceptions import DeliveryFailed, MessagingError
from webapp.modules.messaging.services.delivery import deliver_message
from webapp.modules.messaging.services.outbox import (
    admin_message,
    admin_outbox,
    send_email,
    store_message,
    store_outbox,
)
from webapp.modules.messaging.services.rendering import RenderedEmail, render_email

__all__ = [
    "DeliveryFailed",
    "MessagingError",
    "RenderedEmail",
    "admin_message",
    "admin_outbox",
    "deliver_message",
    "render_email",
    "send_email",
    "store_message",
    "store_outbox",
]
