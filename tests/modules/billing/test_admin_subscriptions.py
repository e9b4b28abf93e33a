"""The admin's subscriptions: the list with filters, one subscription with its invoices, and the actions
on it (change tier after the preview, extend a trial, issue a credit), each audited and scoped by platform."""

from datetime import timedelta

from sqlalchemy import select

from tests.modules.tenancy.admin_helpers import audit_entries, loyalty_admin
from webapp.extensions import db
from webapp.modules.billing import services
from webapp.modules.billing.models import Invoice, Subscription
from webapp.modules.billing.views.admin import cents
from webapp.modules.tenancy.services import create_merchant, create_store


def fresh(subscription_id: int) -> Subscription:
    db.session.expire_all()
    return db.session.get(Subscription, subscription_id)


def loyalty_store(demo, name="Loyal Shop SARL", code="loyal"):
    merchant = create_merchant(name, city="Luxembourg")
    store = create_store(demo.loyalty.id, merchant.id, code, name.split(" SARL")[0])
    db.session.commit()
    return store


def test_the_list_shows_merchant_store_tier_state_and_mrr(client, demo, login_as, subscribe, tiers):
    acme = subscribe(demo.acme, "professional")
    bistro = subscribe(demo.bistro, "business", state="trialing")
    yearly = subscribe(loyalty_store(demo), "essential")
    yearly.interval = "year"
    db.session.commit()
    login_as(demo.admin)
    page = client.get("/admin/billing/subscriptions").get_data(as_text=True)
    rows = {sub_id: row for sub_id in (acme.id, bistro.id, yearly.id)
            for row in page.split("<tr>") if f"/admin/billing/subscriptions/{sub_id}\"" in row}
    assert "Acme" in rows[acme.id] and "Professional" in rows[acme.id] and "€79.00" in rows[acme.id]
    assert "Active" in rows[acme.id]
    assert "Trial" in rows[bistro.id] and "€0.00" in rows[bistro.id]
    assert "€24.17" in rows[yearly.id]  # 290.00 a year, by the month
    assert "3 subscriptions" in page


def test_filters_and_search(client, demo, login_as, subscribe, tiers, htmx_headers):
    acme = subscribe(demo.acme, "professional")
    bistro = subscribe(demo.bistro, "business", state="trialing")
    loyal = subscribe(loyalty_store(demo), "essential", state="past_due")
    login_as(demo.admin)

    def shown(query: str) -> set[int]:
        page = client.get(f"/admin/billing/subscriptions?{query}").get_data(as_text=True)
        return {s for s in (acme.id, bistro.id, loyal.id) if f"/admin/billing/subscriptions/{s}\"" in page}

    assert shown("state=trialing") == {bistro.id}
    assert shown(f"platform={demo.loyalty.id}") == {loyal.id, bistro.id}  # bistro sells on loyalty
    assert shown(f"tier={tiers[(demo.main.id, 'professional')].id}") == {acme.id}
    assert shown("q=loyal") == {loyal.id}
    assert shown("q=nobody") == set()
    assert shown("state=bogus&platform=x&tier=-1&page=abc") == {acme.id, bistro.id, loyal.id}
    fragment = client.get("/admin/billing/subscriptions?state=trialing", headers=htmx_headers).get_data(as_text=True)
    assert fragment.count('id="subscription-table"') == 1 and "<html" not in fragment and "1 subscription" in fragment


def test_platform_admin_sees_only_their_platforms_subscriptions(client, demo, login_as, subscribe):
    acme = subscribe(demo.acme, "professional")
    loyal = subscribe(loyalty_store(demo), "essential")
    login_as(loyalty_admin(demo))
    page = client.get("/admin/billing/subscriptions").get_data(as_text=True)
    assert f"/admin/billing/subscriptions/{loyal.id}\"" in page
    assert f"/admin/billing/subscriptions/{acme.id}\"" not in page
    assert client.get(f"/admin/billing/subscriptions/{acme.id}").status_code == 404
    professional = services.get_tier(demo.main.id, acme.tier_id).id
    assert client.get(f"/admin/billing/subscriptions/{acme.id}/change?tier_id={professional}").status_code == 404
    assert client.post(f"/admin/billing/subscriptions/{acme.id}/credit",
                       data={"amount": "10", "reason": "Sorry"}).status_code == 404
    assert client.post(f"/admin/billing/subscriptions/{acme.id}/extend-trial", data={"days": "5"}).status_code == 404
    assert not db.session.scalars(select(Invoice)).all()
    assert client.get(f"/admin/billing/subscriptions/{loyal.id}").status_code == 200
    assert client.get("/admin/billing/subscriptions/999999").status_code == 404


def test_detail_shows_the_subscription_and_its_invoices(client, demo, login_as, subscribe):
    acme = subscribe(demo.acme, "professional")
    services.issue_credit(acme.id, 500, "Goodwill")
    db.session.commit()
    login_as(demo.admin)
    page = client.get(f"/admin/billing/subscriptions/{acme.id}").get_data(as_text=True)
    number = db.session.scalar(select(Invoice.number))
    assert "Professional" in page and "Acme" in page and number in page and "Credit note" in page
    assert "-€5.85" in page  # 5.00 and 17 % VAT, credited
    assert "Extend the trial" not in page  # only while trialing


def test_upgrade_shows_the_preview_then_applies_it(client, demo, login_as, subscribe, tiers, htmx_headers):
    acme = subscribe(demo.acme, "professional")
    business = tiers[(demo.main.id, "business")]
    login_as(demo.admin)
    with client.application.test_request_context():
        preview = services.preview_change(acme.id, business.id)
        total = cents(preview.total_cents)
    db.session.rollback()
    page = client.get(f"/admin/billing/subscriptions/{acme.id}/change?tier_id={business.id}").get_data(as_text=True)
    assert "Total due now" in page and "Confirm the change to Business" in page and total in page
    fragment = client.get(f"/admin/billing/subscriptions/{acme.id}/change?tier_id={business.id}",
                          headers=htmx_headers).get_data(as_text=True)
    assert 'id="change-section"' in fragment and "<html" not in fragment
    assert total in fragment and "Confirm the change to Business" in fragment

    response = client.post(f"/admin/billing/subscriptions/{acme.id}/change", data={"tier_id": business.id})

    assert response.status_code == 303
    assert fresh(acme.id).tier_id == business.id
    invoice = db.session.scalar(select(Invoice).where(Invoice.subscription_id == acme.id))
    assert invoice.total_cents == preview.total_cents
    [entry] = audit_entries("billing.subscription.tier_changed")
    assert entry.details["kind"] == "upgrade" and entry.after["tier_id"] == business.id


def test_downgrade_waits_for_the_period_end(client, demo, login_as, subscribe, tiers):
    acme = subscribe(demo.acme, "business")
    professional = tiers[(demo.main.id, "professional")]
    login_as(demo.admin)
    page = client.get(f"/admin/billing/subscriptions/{acme.id}/change?tier_id={professional.id}").get_data(
        as_text=True)
    assert "at the end of the period" in page and "Confirm the change to Professional" in page
    assert client.post(f"/admin/billing/subscriptions/{acme.id}/change",
                       data={"tier_id": professional.id}).status_code == 303
    saved = fresh(acme.id)
    assert (saved.tier_id, saved.scheduled_tier_id) == (tiers[(demo.main.id, "business")].id, professional.id)
    assert not db.session.scalars(select(Invoice)).all()


def test_a_downgrade_below_usage_is_refused_with_what_to_remove(client, demo, login_as, subscribe, tiers):
    acme = subscribe(demo.acme, "professional")
    essential = tiers[(demo.main.id, "essential")]
    essential.limits = {**essential.limits, "staff_seats": {"value": 0, "policy": "block"}}
    db.session.commit()
    login_as(demo.admin)
    page = client.get(f"/admin/billing/subscriptions/{acme.id}/change?tier_id={essential.id}").get_data(as_text=True)
    assert "they must remove some first" in page and "Confirm the change" not in page
    assert "team members in use, 0 allowed" in page
    response = client.post(f"/admin/billing/subscriptions/{acme.id}/change", data={"tier_id": essential.id})
    assert response.status_code == 422 and "they must remove some first" in response.get_data(as_text=True)
    assert fresh(acme.id).scheduled_tier_id is None


def test_change_to_a_tier_of_another_platform_is_refused(client, demo, login_as, subscribe, tiers):
    acme = subscribe(demo.acme, "professional")
    other = tiers[(demo.loyalty.id, "business")]
    login_as(demo.admin)
    assert client.get(f"/admin/billing/subscriptions/{acme.id}/change?tier_id={other.id}").status_code == 422
    assert client.post(f"/admin/billing/subscriptions/{acme.id}/change",
                       data={"tier_id": other.id}).status_code == 422
    assert client.post(f"/admin/billing/subscriptions/{acme.id}/change",
                       data={"tier_id": "abc"}).status_code == 422
    assert fresh(acme.id).tier_id == tiers[(demo.main.id, "professional")].id
    assert not audit_entries("billing.subscription.tier_changed")


def test_extend_a_trial(client, demo, login_as, subscribe):
    bistro = subscribe(demo.bistro, "professional", state="trialing")
    ends = bistro.trial_ends_at
    login_as(demo.admin)
    assert "Extend the trial" in client.get(f"/admin/billing/subscriptions/{bistro.id}").get_data(as_text=True)
    for bad in ("0", "91", "x", ""):
        assert client.post(f"/admin/billing/subscriptions/{bistro.id}/extend-trial",
                           data={"days": bad}).status_code == 422
    assert fresh(bistro.id).trial_ends_at == ends

    assert client.post(f"/admin/billing/subscriptions/{bistro.id}/extend-trial",
                       data={"days": "10"}).status_code == 303

    saved = fresh(bistro.id)
    assert saved.trial_ends_at - ends == timedelta(days=10) and saved.current_period_end == saved.trial_ends_at
    [entry] = audit_entries("billing.subscription.trial_extended")
    assert entry.details == {"days": 10}


def test_only_a_trial_can_be_extended(client, demo, login_as, subscribe):
    acme = subscribe(demo.acme, "professional")
    end = acme.current_period_end
    login_as(demo.admin)
    response = client.post(f"/admin/billing/subscriptions/{acme.id}/extend-trial", data={"days": "10"})
    assert response.status_code == 422 and "Only a trial can be extended" in response.get_data(as_text=True)
    assert fresh(acme.id).current_period_end == end


def test_issue_a_credit(client, demo, login_as, subscribe):
    acme = subscribe(demo.acme, "professional")
    login_as(demo.admin)
    data = {"amount": "12,50", "reason": "Outage on 3 December", "idempotency_key": "k1"}
    assert client.post(f"/admin/billing/subscriptions/{acme.id}/credit", data=data).status_code == 303
    assert client.post(f"/admin/billing/subscriptions/{acme.id}/credit", data=data).status_code == 303  # resubmitted

    [note] = db.session.scalars(select(Invoice)).all()
    assert (note.kind, note.subtotal_cents, note.subscription_id) == ("credit_note", -1250, acme.id)
    assert note.total_cents == -1250 - 213 and [line.amount_cents for line in note.lines] == [-1250]
    assert note.lines[0].description == "Outage on 3 December"
    assert len(audit_entries("billing.subscription.credited")) == 1


def test_bad_credits_are_refused(client, demo, login_as, subscribe):
    acme = subscribe(demo.acme, "professional")
    login_as(demo.admin)
    for data in ({"amount": "", "reason": "x"}, {"amount": "0", "reason": "x"}, {"amount": "ten", "reason": "x"},
                 {"amount": "10", "reason": ""}, {"amount": "-5", "reason": "x"}, {"amount": "10.001", "reason": "x"}):
        response = client.post(f"/admin/billing/subscriptions/{acme.id}/credit", data=data)
        assert response.status_code == 422, data
    assert not db.session.scalars(select(Invoice)).all()


def test_the_merchant_page_links_to_the_subscription(client, demo, login_as, subscribe):
    acme = subscribe(demo.acme, "professional")
    login_as(demo.admin)
    page = client.get(f"/admin/merchants/{demo.acme.merchant_id}").get_data(as_text=True)
    assert f"/admin/billing/subscriptions/{acme.id}\"" in page


def test_the_admin_menu_leads_to_tiers_and_subscriptions(client, demo, login_as, tiers):
    login_as(demo.admin)
    page = client.get("/admin/").get_data(as_text=True)
    assert 'href="/admin/billing/tiers"' in page and 'href="/admin/billing/subscriptions"' in page


def test_a_translator_sees_no_billing(client, demo, login_as, subscribe):
    subscribe(demo.acme, "professional")
    login_as(demo.translator)
    page = client.get("/admin/").get_data(as_text=True)
    assert "/admin/billing/" not in page and "Monthly recurring revenue" not in page
    assert client.get("/admin/billing/subscriptions").status_code == 403
    assert client.get("/admin/billing/tiers").status_code == 403
