"""Shopper-facing texts of the services, which also run outside requests (jobs, CLI)."""

from __future__ import annotations

from flask import has_request_context
from flask_babel import gettext


def _(message: str, **values) -> str:
    """gettext in a request (the shopper's language); the English text elsewhere."""
    if has_request_context():
        return gettext(message, **values)
    return message % values if values else message
