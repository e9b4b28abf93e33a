"""Errors of the billing module."""

from webapp.framework.errors import OrionError


class BillingError(OrionError):
    pass


class ClockLocked(BillingError):
    """The test clock cannot move (production, or backwards)."""


class InvalidTier(BillingError):
    """Tier values a platform cannot have: `details["fields"]` maps each field to a problem code."""

    status_code = 422

    def __init__(self, fields: dict[str, str]):
        super().__init__("invalid tier: " + ", ".join(sorted(fields)), fields=fields)


class TierInUse(BillingError):
    """A tier with subscriptions cannot be deleted (retire it instead)."""

    status_code = 409


class NoSubscription(BillingError):
    status_code = 404


class ChangeRefused(BillingError):
    """A subscription change the rules refuse; `reason` names the rule, `details` fill the message."""

    status_code = 422

    def __init__(self, reason: str, **details):
        super().__init__(f"subscription change refused: {reason}", **details)
        self.reason = reason
