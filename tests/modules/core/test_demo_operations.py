"""The demo shows a running platform: a scoped platform admin, a store awaiting approval, an
invitation and the audit entries they left — created once, however often the demo is seeded."""

from sqlalchemy import func, select

from webapp.extensions import db
from webapp.modules.core import demo as core_demo
from webapp.modules.core.models import AuditEntry
from webapp.modules.tenancy.models import Invitation, Store, User


def test_the_demo_adds_a_loyalty_admin_a_pending_store_and_an_invitation_once(client, demo, login_as):
    first = core_demo.seed()
    db.session.commit()
    assert len(first) == 3
    assert core_demo.seed() == []  # idempotent
    db.session.commit()

    admin = db.session.scalar(select(User).where(User.email == core_demo.LOYALTY_ADMIN))
    assert admin.platform_role == "platform_admin" and admin.platform_ids == {demo.loyalty.id}
    pending = db.session.scalar(select(Store).where(Store.code == "cafe-nord"))
    assert (pending.status, pending.platform_id) == ("pending", demo.loyalty.id)
    assert db.session.scalar(select(func.count(Invitation.id)).where(Invitation.store_id == demo.acme.id)) == 1
    actions = sorted(db.session.scalars(select(AuditEntry.action)))
    assert actions == ["tenancy.invitation.sent", "tenancy.merchant.signed_up", "tenancy.user.created"]

    # The scoped admin sees the pending store of their platform awaiting approval, and nothing of main.
    login_as(admin)
    page = client.get("/admin/stores?status=pending").get_data(as_text=True)
    assert "Café du Nord" in page and "Acme" not in page
    assert client.get("/platforms/loyalty/storefront/cafe-nord/").status_code == 503  # not public yet
