"""The one door to outgoing email: the messaging module's `send_email`, imported when used.

Messaging is a core module (importing it is allowed); importing it lazily keeps customers
usable while messaging is absent or still being built, and gives tests one boundary to replace.
"""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)


def send(store_id: int | None, template: str, to: str, context: dict, locale: str) -> None:
    """Queue the email `template` (e.g. "customers/emails/password_reset") to `to` in `locale`."""
    try:
        from webapp.modules.messaging import services as messaging
    except ImportError:
        messaging = None
    send_email = getattr(messaging, "send_email", None)
    if send_email is None:
        log.warning("messaging is not available: email %s to store %s customer not sent", template, store_id)
        return
    send_email(store_id, template, to, context, locale=locale)
