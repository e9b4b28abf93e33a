"""Errors of the tenancy module."""

from webapp.framework.errors import OrionError


class TenancyError(OrionError):
    pass


class Refused(TenancyError):
    """A change a rule refuses; `reason` names the rule (the view words it), `details` fill the message."""

    status_code = 422
    what = "change"

    def __init__(self, reason: str, **details):
        super().__init__(f"{self.what} refused: {reason}", **details)
        self.reason = reason


class ModuleLocked(TenancyError):
    """Core and internal modules cannot be switched off."""


class UnknownModule(TenancyError):
    status_code = 404


class DuplicateCode(TenancyError):
    """A platform, store or domain code/name already exists."""


class InvalidFields(TenancyError):
    """Values a use case refuses (a platform, merchant, store, user, settings, a signup):
    `details["fields"]` maps each field to a problem code ("taken", "reserved", "length", "unknown", …)
    the view words."""

    status_code = 422
    what = "values"

    def __init__(self, fields: dict[str, str]):
        super().__init__(f"invalid {self.what}: " + ", ".join(sorted(fields)), fields=fields)


class StaffGuard(TenancyError):
    """A change that would lock the platform out: demoting or deactivating oneself or the last super admin."""

    status_code = 422


class InvalidBusinessDetails(InvalidFields):
    """Business details a merchant cannot have."""

    what = "business details"


class InvalidSettings(InvalidFields):
    """Store settings a store cannot have."""

    what = "store settings"


class SignupRejected(InvalidFields):
    """A signup that cannot go through."""

    what = "signup"


class DomainRefused(Refused):
    """A custom domain a store cannot add; `reason` says why (invalid, platform, taken, added)."""

    what = "domain"


class DomainNotFound(TenancyError):
    status_code = 404


class DomainNotVerified(TenancyError):
    """Only a verified domain can become the primary one."""

    status_code = 422


class LaunchRefused(TenancyError):
    """The store cannot go live now; the message is the reason code (a launch_state or "not_owner")."""

    status_code = 409


class TeamError(Refused):
    """A team change the rules refuse; `reason` names which rule."""

    what = "team change"


class TeamForbidden(TeamError):
    """Only an owner may do this (give or take the owner role, transfer ownership)."""

    status_code = 403


class InvalidRole(TeamError):
    """A role that is not built-in and not one of this store's custom roles."""


class RoleInUse(TeamError):
    """A custom role still held by members or offered by pending invitations cannot be deleted."""

    status_code = 409


class InvitationInvalid(Refused):
    """An invitation link that cannot be used: `reason` is tampered, expired, replaced, used or revoked."""

    status_code = 410
    what = "invitation link"

    def __init__(self, reason: str):
        super().__init__(reason)
        if reason == "tampered":
            self.status_code = 400


class TeamNotFound(TeamError):
    """A member, invitation or role that is not this store's."""

    status_code = 404


class InstallConflict(TenancyError):
    """`flask orion init` was asked for values that contradict what the database already holds."""


class WrongPassword(TenancyError):
    """The current password given to confirm a change is not the user's."""

    status_code = 422


class WeakPassword(Refused):
    """A new password the policy refuses; `reason` is `password_problem`'s answer."""

    what = "password"


class InvalidCode(TenancyError):
    """A second-factor (TOTP or recovery) code that is wrong, expired or already used."""

    status_code = 422
