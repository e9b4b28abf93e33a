"""Demo data: acme's invoices of the last three months, paid, seeded once however often the seed runs."""

import itertools

from sqlalchemy import select

from webapp.extensions import db
from webapp.modules.billing import demo as billing_demo
from webapp.modules.billing.models import Invoice


def test_acme_has_three_paid_monthly_invoices_once(app, demo):
    with app.test_request_context():
        billing_demo.seed()
        db.session.commit()
        again = billing_demo.seed()
        db.session.commit()
        invoices = list(db.session.scalars(select(Invoice).where(Invoice.merchant_id == demo.acme.merchant_id)
                                           .order_by(Invoice.period_start)))
        assert not any("invoices" in line for line in again)
        assert len(invoices) == 3 and {i.status for i in invoices} == {"paid"}
        assert all(a.period_end == b.period_start for a, b in itertools.pairwise(invoices))
        assert all(i.total_cents == 9243 and i.paid_at is not None for i in invoices)
        assert len({i.number for i in invoices}) == 3
