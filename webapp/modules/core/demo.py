"""Demo data for running a platform (SPEC §7, issue "Running a platform"): a platform admin scoped to
`loyalty`, a store awaiting approval, a pending team invitation on `acme`, and the audit entries those
actions leave. Written through tenancy's public services, after tenancy's own demo data. Idempotent."""

from __future__ import annotations

from webapp.extensions import db
from webapp.framework.audit import audit
from webapp.framework.ports import tenant_directory
from webapp.modules.tenancy import services as tenancy

DEMO_PASSWORD = "orion-demo"  # noqa: S105  # nosec B105  (development only, like the other demo users)
LOYALTY_ADMIN = "platform-admin@loyalty.test"
PENDING = {"owner": "owner@cafe-nord.test", "legal_name": "Café du Nord S.à r.l.", "code": "cafe-nord",
           "name": "Café du Nord"}
INVITED = "new.colleague@acme.test"
# Built without a request: the demo has no host to take, so the development address is used.
INVITATION_URL = "http://localhost:5000/auth/invitations/{token}"


def _loyalty_admin(loyalty_id: int) -> list[str]:
    if tenancy.email_taken(LOYALTY_ADMIN):
        return []
    user = tenancy.create_user(LOYALTY_ADMIN, DEMO_PASSWORD, name="Loyalty Platform Admin",
                               platform_role="platform_admin", platform_id=loyalty_id)
    audit("tenancy.user.created", actor_id=None, platform_id=loyalty_id, store_id=None, target_type="user",
          target_id=user.id, after={"email": user.email, "role": "platform_admin"}, details={"via": "demo"})
    return [f"platform admin of loyalty: {LOYALTY_ADMIN}"]


def _pending_store(loyalty_id: int) -> list[str]:
    if tenancy.store_id_by_code(PENDING["code"]) is not None:
        return []
    owner = tenancy.create_user(PENDING["owner"], DEMO_PASSWORD, name="Nora Nord")
    merchant = tenancy.create_merchant(PENDING["legal_name"], owner_id=owner.id, city="Ettelbruck")
    store = tenancy.create_store(loyalty_id, merchant.id, PENDING["code"], PENDING["name"], languages=("fr", "en"),
                                 default_language="fr", status="pending")
    tenancy.add_member(store.id, owner.id, "owner")
    audit("tenancy.merchant.signed_up", actor_id=owner.id, platform_id=loyalty_id, store_id=store.id,
          target_type="store", target_id=store.id, after={"store": store.code, "status": "pending"},
          details={"via": "demo"})
    return [f"store awaiting approval on loyalty: {store.code} ({PENDING['owner']})"]


def _invitation(acme_id: int, owner_id: int) -> list[str]:
    if any(i.email == INVITED for i in tenancy.pending_invitations(acme_id).items):
        return []
    invitation = tenancy.invite(acme_id, INVITED, "manager", actor_id=owner_id,
                                accept_url=lambda token: INVITATION_URL.format(token=token))
    audit("tenancy.invitation.sent", actor_id=owner_id, platform_id=tenancy.platform_id_of_store(acme_id),
          store_id=acme_id, target_type="invitation", target_id=invitation.id,
          after={"email": INVITED, "role": "manager"}, details={"via": "demo"})
    return [f"invitation to acme: {INVITED} (manager)"]


def seed() -> list[str]:
    loyalty = tenant_directory().platform("loyalty")
    acme_id = tenancy.store_id_by_code("acme")
    if loyalty is None or acme_id is None:
        return []
    owner_id = next(m.user_id for m in tenancy.store_team(acme_id) if m.role == "owner")
    lines = _loyalty_admin(loyalty.id) + _pending_store(loyalty.id) + _invitation(acme_id, owner_id)
    db.session.flush()
    return lines
