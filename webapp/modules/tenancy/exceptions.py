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


class InvalidSettings(TenancyError):
    """Store settings a store cannot have; `details["fields"]` maps each field at fault to the reason."""

    status_code = 422

    def __init__(self, fields: dict[str, str]):
        super().__init__("invalid store settings: " + ", ".join(sorted(fields)), fields=fields)


class DomainRefused(TenancyError):
    """A custom domain a store cannot add; `details["reason"]` says why (invalid, platform, taken, added)."""

    status_code = 422

    def __init__(self, reason: str):
        super().__init__(f"domain refused: {reason}", reason=reason)


class DomainNotFound(TenancyError):
    status_code = 404


class DomainNotVerified(TenancyError):
    """Only a verified domain can become the primary one."""

    status_code = 422


class InstallConflict(TenancyError):
    """`flask orion init` was asked for values that contradict what the database already holds."""
