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


class TeamError(TenancyError):
    """A team change the rules refuse; `reason` names which rule (the view words the message)."""

    status_code = 422

    def __init__(self, reason: str, **details):
        super().__init__(f"team change refused: {reason}", **details)
        self.reason = reason


class TeamForbidden(TeamError):
    """Only an owner may do this (give or take the owner role, transfer ownership)."""

    status_code = 403


class InvalidRole(TeamError):
    """A role that is not built-in and not one of this store's custom roles."""


class RoleInUse(TeamError):
    """A custom role still held by members or offered by pending invitations cannot be deleted."""

    status_code = 409


class InvitationInvalid(TenancyError):
    """An invitation link that cannot be used: `reason` is tampered, expired, replaced, used or revoked."""

    status_code = 410

    def __init__(self, reason: str):
        super().__init__(f"invitation link {reason}", reason=reason)
        self.reason = reason
        if reason == "tampered":
            self.status_code = 400


class TeamNotFound(TeamError):
    """A member, invitation or role that is not this store's."""

    status_code = 404
