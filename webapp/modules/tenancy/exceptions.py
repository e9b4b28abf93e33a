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


class InvalidFields(TenancyError):
    """Values a platform, merchant, store or user cannot have; `details["fields"]` maps each field to a
    problem code ("taken", "reserved", "characters", "length", "unknown", "contrast", …) the view words."""

    status_code = 422

    def __init__(self, fields: dict[str, str]):
        super().__init__("invalid values: " + ", ".join(sorted(fields)), fields=fields)


class StaffGuard(TenancyError):
    """A change that would lock the platform out: demoting or deactivating oneself or the last super admin."""

    status_code = 422


class InvalidBusinessDetails(TenancyError):
    """Business details a merchant cannot have; `details["fields"]` names each field at fault."""

    status_code = 422

    def __init__(self, fields: dict[str, str]):
        super().__init__("invalid business details: " + ", ".join(sorted(fields)), fields=fields)

