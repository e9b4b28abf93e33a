"""Errors of the messaging module."""

from webapp.framework.errors import OrionError


class MessagingError(OrionError):
    """An email could not be prepared: unknown template, unsafe template, bad address."""


class DeliveryFailed(MessagingError):
    """The mail server refused or could not be reached; the attempt is recorded."""

    status_code = 502
