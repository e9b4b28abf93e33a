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


class SignupRejected(TenancyError):
    """A signup that cannot go through; `details["fields"]` maps each field at fault to a reason code."""

    status_code = 422

    def __init__(self, fields: dict[str, str]):
        super().__init__("signup rejected: " + ", ".join(sorted(fields)), fields=fields)


class LaunchRefused(TenancyError):
    """The store cannot go live now; the message is the reason code (a launch_state or "not_owner")."""

    status_code = 409
