"""Invitations to a store's team: an emailed link that is signed, expires and works once.

The link carries the invitation's id and a random token, signed with its own salt; the row keeps only
the token's hash. Resending replaces the token (older links stop working); accepting or revoking
ends the invitation. Links arrive built by the caller (only a request knows the host).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from webapp.extensions import db
from webapp.modules.messaging import services as messaging
from webapp.modules.tenancy.exceptions import InvitationInvalid, TeamError, TeamNotFound
from webapp.modules.tenancy.models import CUSTOM_ROLE, Invitation, Store, StoreMembership, User, utcnow
from webapp.modules.tenancy.services.roles import RoleChoice, ensure_may_assign, get_store_role, parse_role
from webapp.modules.tenancy.services.users import create_user, normalise_email

SALT = "tenancy.invitation"
EMAIL_TEMPLATE = "tenancy/emails/invitation"
PER_PAGE = 25
AcceptUrl = Callable[[str], str]


def _max_age() -> int:
    return int(current_app.config["TENANCY_INVITATION_MAX_AGE"])


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)  # SQLite gives naive datetimes back


def is_pending(invitation: Invitation) -> bool:
    return invitation.accepted_at is None and invitation.revoked_at is None


def is_expired(invitation: Invitation) -> bool:
    return _aware(invitation.expires_at) <= utcnow()


def pending_invitations(store_id: int, *, page: int = 1):
    """One page of the store's open invitations (expired ones too: they can be resent), newest first."""
    query = (select(Invitation).where(Invitation.store_id == store_id, Invitation.accepted_at.is_(None),
                                      Invitation.revoked_at.is_(None))
             .options(selectinload(Invitation.custom_role))
             .order_by(Invitation.sent_at.desc(), Invitation.id.desc()))
    return db.paginate(query, page=page, per_page=PER_PAGE, error_out=False)


def get_invitation(store_id: int, invitation_id: int) -> Invitation | None:
    return db.session.scalar(select(Invitation).where(Invitation.id == invitation_id,
                                                      Invitation.store_id == store_id))


def _open_invitation_or_404(store_id: int, invitation_id: int) -> Invitation:
    invitation = get_invitation(store_id, invitation_id)
    if invitation is None or not is_pending(invitation):
        raise TeamNotFound("unknown_invitation")
    return invitation


def _new_token(invitation: Invitation) -> str:
    """Give the invitation a fresh token and validity; returns the signed link token."""
    raw = secrets.token_urlsafe(32)
    invitation.token_hash = _hash(raw)
    invitation.sent_at = utcnow()
    invitation.expires_at = invitation.sent_at + timedelta(seconds=_max_age())
    db.session.flush()
    return _serializer().dumps({"i": invitation.id, "t": raw})


def _send(invitation: Invitation, token: str, accept_url: AcceptUrl, *, inviter_id: int | None) -> None:
    store = db.session.get(Store, invitation.store_id)
    inviter = db.session.get(User, inviter_id) if inviter_id else None
    existing = db.session.scalar(select(User).where(User.email == invitation.email))
    role_name = invitation.custom_role.name if invitation.role == CUSTOM_ROLE and invitation.custom_role else ""
    context = {"store_name": store.name, "inviter_name": inviter.display_name if inviter else store.name,
               "role": invitation.role, "role_name": role_name, "accept_url": accept_url(token),
               "expires_days": max(1, _max_age() // 86400), "has_account": existing is not None}
    locale = (existing.locale if existing and existing.locale else None) or store.default_language
    messaging.send_email(store.id, EMAIL_TEMPLATE, invitation.email, context, locale=locale)


def invite(store_id: int, email: str, role_value: str, *, actor_id: int, accept_url: AcceptUrl) -> Invitation:
    """Invite `email` to the team with a role and email them the link."""
    email = normalise_email(email)
    choice = parse_role(store_id, role_value)
    ensure_may_assign(store_id, choice, actor_id=actor_id)
    member = db.session.scalar(select(StoreMembership.id).join(User).where(
        StoreMembership.store_id == store_id, func.lower(User.email) == email))
    if member:
        raise TeamError("already_member", field="email")
    open_ones = db.session.scalars(select(Invitation).where(
        Invitation.store_id == store_id, Invitation.email == email, Invitation.accepted_at.is_(None),
        Invitation.revoked_at.is_(None)))
    if any(not is_expired(invitation) for invitation in open_ones):
        raise TeamError("already_invited", field="email")
    invitation = Invitation(store_id=store_id, email=email, role=choice.role, custom_role_id=choice.custom_role_id,
                            invited_by_id=actor_id, token_hash=_hash(secrets.token_urlsafe(32)),
                            expires_at=utcnow())
    db.session.add(invitation)
    db.session.flush()
    _send(invitation, _new_token(invitation), accept_url, inviter_id=actor_id)
    return invitation


def resend_invitation(store_id: int, invitation_id: int, *, actor_id: int, accept_url: AcceptUrl) -> Invitation:
    """Email a new link (valid for the full period again); earlier links stop working."""
    invitation = _open_invitation_or_404(store_id, invitation_id)
    ensure_may_assign(store_id, RoleChoice(invitation.role, invitation.custom_role_id), actor_id=actor_id)
    _send(invitation, _new_token(invitation), accept_url, inviter_id=actor_id)
    return invitation


def revoke_invitation(store_id: int, invitation_id: int, *, actor_id: int) -> Invitation:
    """Withdraw an invitation: its link answers that it was withdrawn."""
    invitation = _open_invitation_or_404(store_id, invitation_id)
    ensure_may_assign(store_id, RoleChoice(invitation.role, invitation.custom_role_id), actor_id=actor_id)
    invitation.revoked_at = utcnow()
    db.session.flush()
    return invitation


def invitation_from_token(token: str) -> Invitation:
    """The usable invitation a link names, or InvitationInvalid saying why not."""
    try:
        payload = _serializer().loads(token or "", max_age=_max_age())
    except SignatureExpired:
        raise InvitationInvalid("expired") from None
    except BadSignature:
        raise InvitationInvalid("tampered") from None
    if not isinstance(payload, dict) or not isinstance(payload.get("i"), int) or not isinstance(payload.get("t"), str):
        raise InvitationInvalid("tampered")
    invitation = db.session.get(Invitation, payload["i"])
    if invitation is None:
        raise InvitationInvalid("revoked")  # the store was deleted with its invitations
    if invitation.revoked_at is not None:
        raise InvitationInvalid("revoked")
    if invitation.accepted_at is not None:
        raise InvitationInvalid("used")
    if not hmac.compare_digest(invitation.token_hash, _hash(payload["t"])):
        raise InvitationInvalid("replaced")
    if is_expired(invitation):
        raise InvitationInvalid("expired")
    return invitation


def account_for(invitation: Invitation) -> User | None:
    """The platform account with the invited email, if there is one."""
    return db.session.scalar(select(User).where(func.lower(User.email) == invitation.email))


def accept_invitation(token: str, *, user_id: int) -> StoreMembership:
    """The signed-in user `user_id` joins the team; only the invited address may accept."""
    invitation = invitation_from_token(token)
    # Row lock: two clicks at once (or two tabs) accept once; the second sees it used.
    db.session.refresh(invitation, with_for_update=True)
    if invitation.accepted_at is not None or invitation.revoked_at is not None:
        raise InvitationInvalid("used" if invitation.accepted_at is not None else "revoked")
    user = db.session.get(User, user_id)
    if user is None or normalise_email(user.email) != invitation.email:
        raise TeamError("wrong_account")
    if db.session.scalar(select(StoreMembership.id).where(StoreMembership.store_id == invitation.store_id,
                                                          StoreMembership.user_id == user.id)):
        raise TeamError("already_member")
    role, custom_role_id = invitation.role, invitation.custom_role_id
    if role == CUSTOM_ROLE and get_store_role(invitation.store_id, custom_role_id or 0) is None:
        role, custom_role_id = "staff", None  # its custom role was deleted meanwhile: the least access
    membership = StoreMembership(store_id=invitation.store_id, user_id=user.id, role=role,
                                 custom_role_id=custom_role_id)
    db.session.add(membership)
    invitation.accepted_at, invitation.accepted_by_id = utcnow(), user.id
    if user.email_verified_at is None:  # the emailed link proves the address
        user.email_verified_at = invitation.accepted_at
    db.session.flush()
    return membership


def sign_up_and_accept(token: str, *, name: str, password: str, locale: str | None = None) -> StoreMembership:
    """Create the invitee's account (the invited email, which the link proves) and join the team."""
    invitation = invitation_from_token(token)
    if account_for(invitation) is not None:
        raise TeamError("account_exists")
    user = create_user(invitation.email, password, name=" ".join(name.split()), locale=locale)
    return accept_invitation(token, user_id=user.id)
