"""Errors of the tenancy module."""

from webapp.framework.errors import OrionError


class TenancyError(OrionError):
    pass


class ModuleLocked(TenancyError):
    """Core and internal modules cannot be switched off."""


class UnknownModule(TenancyError):
    status_code = 404


class DuplicateCode(TenancyError):
    """A platform, store or domain code/name already exists."""


class InvalidBusinessDetails(TenancyError):
    """Business details a merchant cannot have; `details["fields"]` names each field at fault."""

    status_code = 422

    def __init__(self, fields: dict[str, str]):
        super().__init__("invalid business details: " + ", ".join(sorted(fields)), fields=fields)


class WrongPassword(TenancyError):
    """The current password given to confirm a change is not the user's."""

    status_code = 422


class WeakPassword(TenancyError):
    """A new password the policy refuses; `reason` is `password_problem`'s answer."""

    status_code = 422

    def __init__(self, reason: str):
        super().__init__(f"weak password: {reason}", reason=reason)
        self.reason = reason


class InvalidCode(TenancyError):
    """A second-factor (TOTP or recovery) code that is wrong, expired or already used."""

    status_code = 422
