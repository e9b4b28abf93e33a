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
