"""Store → Settings → Domains: add, DNS instructions, verify (through a fake verifier), primary, remove."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from webapp.extensions import db
from webapp.modules.core.models import AuditEntry
from webapp.modules.tenancy.models import StoreDomain
from webapp.modules.tenancy.services import Outcome, StaticVerifier, add_store_domain

DOMAINS = "/store/acme/settings/domains"


@pytest.fixture
def dns(app, monkeypatch):
    """The TXT records the fake resolver answers with (name → strings, or an Outcome to fail with)."""
    verifier = StaticVerifier()
    monkeypatch.setitem(app.config, "DOMAIN_VERIFIER", verifier)
    return verifier.records


def domains(store_id: int) -> list[StoreDomain]:
    db.session.expire_all()
    return list(db.session.scalars(select(StoreDomain).where(StoreDomain.store_id == store_id)
                                   .order_by(StoreDomain.id)))


def actions() -> list[str]:
    db.session.expire_all()
    return list(db.session.scalars(select(AuditEntry.action).where(AuditEntry.action.like("tenancy.domain.%"))
                                   .order_by(AuditEntry.id)))


def text(response) -> str:
    return response.get_data(as_text=True)


def add(client, domain: str, **kwargs):
    return client.post(DOMAINS, data={"domain": domain}, **kwargs)


# --- adding ----------------------------------------------------------------------------------------

def test_adding_a_domain_shows_its_dns_records(client, demo, login_as):
    login_as(demo.owner)
    response = add(client, "  Shop.Acme-Example.COM. ")
    assert response.status_code == 303 and response.headers["Location"].endswith("/store/acme/settings#section-domains")
    [record] = domains(demo.acme.id)
    assert record.domain == "shop.acme-example.com" and not record.is_verified and len(record.verification_token) >= 24
    page = text(client.get("/store/acme/settings"))
    assert "<code>acme.orion.localhost</code>" in page  # the CNAME target
    assert "<code>_orion-verify.shop.acme-example.com</code>" in page
    assert f"<code>{record.verification_token}</code>" in page
    assert actions() == ["tenancy.domain.added"]


def test_each_domain_gets_its_own_token(client, demo, login_as):
    login_as(demo.owner)
    add(client, "one.example")
    add(client, "two.example")
    first, second = domains(demo.acme.id)
    assert first.verification_token != second.verification_token


def test_an_internationalised_domain_is_kept_in_its_ascii_form(client, demo, login_as):
    login_as(demo.owner)
    assert add(client, "Bücher.Example").status_code == 303
    assert domains(demo.acme.id)[0].domain == "xn--bcher-kva.example"
    assert "bücher.example" in text(client.get("/store/acme/settings"))


def test_htmx_gets_the_section_back(client, demo, login_as, htmx_headers):
    login_as(demo.owner)
    response = add(client, "shop.acme.example", headers=htmx_headers)
    body = text(response)
    assert response.status_code == 200
    assert body.lstrip().startswith('<section class="settings-section" id="section-domains"')
    assert "shop.acme.example added" in body and "_orion-verify.shop.acme.example" in body


@pytest.mark.parametrize(("domain", "message"), [
    ("", "This field is required"),
    ("not a domain", "Enter a domain name such as"),
    ("localhost", "Enter a domain name such as"),
    ("-bad-.example", "Enter a domain name such as"),
    ("shop..example", "Enter a domain name such as"),
    ("shop.example/path", "Enter a domain name such as"),
    ("https://shop.example", "Enter a domain name such as"),
    ("shop.example:8080", "Enter a domain name such as"),
    ("shop_1.example", "Enter a domain name such as"),
    ("1.2.3.4", "not an IP address"),
    ("[::1]", "not an IP address"),
    ("x" * 64 + ".example", "Enter a domain name such as"),
    (("a" * 60 + ".") * 5 + "com", "cannot be longer than 253 characters"),
    ("orion.localhost", "domain of the platform"),
    ("acme.orion.localhost", "domain of the platform"),
    ("anything.loyalty.localhost", "domain of the platform"),
    ("shop\x00.example", "Enter a domain name such as"),
])
def test_bad_domains_are_refused_with_a_message(client, demo, login_as, domain, message):
    login_as(demo.owner)
    response = add(client, domain)
    assert response.status_code == 422
    assert message in text(response) and 'aria-invalid="true"' in text(response)
    assert domains(demo.acme.id) == [] and actions() == []


def test_a_domain_of_another_store_is_taken(client, demo, login_as):
    add_store_domain(demo.bistro.id, "bistro.example")
    db.session.commit()
    login_as(demo.owner)
    response = add(client, "BISTRO.example")
    assert response.status_code == 422 and "already used by another store" in text(response)
    assert domains(demo.acme.id) == []


def test_the_same_domain_twice_is_refused(client, demo, login_as):
    login_as(demo.owner)
    add(client, "shop.acme.example")
    response = add(client, "shop.acme.example")
    assert response.status_code == 422 and "already added this domain" in text(response)
    assert len(domains(demo.acme.id)) == 1


# --- verifying -------------------------------------------------------------------------------------

def added(client, domain: str = "shop.acme.example") -> StoreDomain:
    add(client, domain)
    return next(d for d in domains(domains_store_id(domain)) if d.domain == domain)


def domains_store_id(domain: str) -> int:
    return db.session.scalar(select(StoreDomain.store_id).where(StoreDomain.domain == domain))


def verify(client, record, **kwargs):
    return client.post(f"{DOMAINS}/{record.id}/verify", **kwargs)


def test_the_right_txt_record_verifies_the_domain(client, demo, login_as, dns):
    login_as(demo.owner)
    record = added(client)
    dns["_orion-verify.shop.acme.example"] = ["some-other-record", f'"{record.verification_token}"']
    response = verify(client, record)
    assert response.status_code == 303
    [saved] = domains(demo.acme.id)
    assert saved.is_verified and saved.verified_at is not None
    assert "shop.acme.example is verified" in text(client.get("/store/acme/settings"))
    assert actions() == ["tenancy.domain.added", "tenancy.domain.verified"]


@pytest.mark.parametrize(("answer", "message"), [
    (["not-the-token"], "holds another value"),
    ([], "No TXT record was found"),
    (None, "No TXT record was found"),
    (Outcome.TIMEOUT, "timed out"),
    (Outcome.FAILED, "lookup for shop.acme.example failed"),
])
def test_a_failed_verification_says_why_and_changes_nothing(client, demo, login_as, dns, htmx_headers, answer,
                                                            message):
    login_as(demo.owner)
    record = added(client)
    if answer is not None:
        dns["_orion-verify.shop.acme.example"] = answer
    response = verify(client, record, headers=htmx_headers)
    assert response.status_code == 200 and message in text(response)
    assert 'role="alert"' in text(response)
    assert not domains(demo.acme.id)[0].is_verified
    assert actions() == ["tenancy.domain.added"]


def test_an_unverified_domain_is_not_served(client, demo, login_as, dns):
    login_as(demo.owner)
    record = added(client)
    assert client.get("/", headers={"Host": "shop.acme.example"}).status_code == 404
    dns["_orion-verify.shop.acme.example"] = [record.verification_token]
    verify(client, record)
    response = client.get("/", headers={"Host": "shop.acme.example"})
    assert response.status_code == 200 and "<title>Welcome · Acme</title>" in text(response)


def test_the_dns_verifier_reads_txt_records_through_dnspython(monkeypatch):
    import dns.exception
    import dns.resolver

    from webapp.modules.tenancy.services import DnsVerifier
    from webapp.modules.tenancy.services.verification import LookupFailed

    class Answer:
        def __init__(self, *chunks):
            self.strings = chunks

    calls = []

    def resolve(name, kind, lifetime):
        calls.append((name, kind, lifetime))
        if name == "_orion-verify.slow.example":
            raise dns.exception.Timeout
        if name == "_orion-verify.none.example":
            raise dns.resolver.NXDOMAIN
        return [Answer(b"abc", b"def")]

    monkeypatch.setattr(dns.resolver, "resolve", resolve)
    verifier = DnsVerifier(timeout=2.5)
    assert verifier.txt_records("_orion-verify.ok.example") == ["abcdef"]  # long TXT values come in chunks
    assert calls[0] == ("_orion-verify.ok.example", "TXT", 2.5)
    for name, outcome in (("slow", Outcome.TIMEOUT), ("none", Outcome.NO_RECORD)):
        with pytest.raises(LookupFailed) as failure:
            verifier.txt_records(f"_orion-verify.{name}.example")
        assert failure.value.outcome is outcome


# --- primary, removal ------------------------------------------------------------------------------

def verified(store_id: int, domain: str) -> StoreDomain:
    record = add_store_domain(store_id, domain, verified=True)
    db.session.commit()
    return record


def test_a_verified_domain_becomes_the_only_primary(client, demo, login_as):
    first, second = verified(demo.acme.id, "one.acme.example"), verified(demo.acme.id, "two.acme.example")
    login_as(demo.owner)
    assert client.post(f"{DOMAINS}/{first.id}/primary").status_code == 303
    assert client.post(f"{DOMAINS}/{second.id}/primary").status_code == 303
    assert [(d.domain, d.is_primary) for d in domains(demo.acme.id)] == [
        ("one.acme.example", False), ("two.acme.example", True)]
    assert actions() == ["tenancy.domain.primary", "tenancy.domain.primary"]
    entry = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert entry.before == {"primary": "one.acme.example"} and entry.after == {"primary": "two.acme.example"}


def test_an_unverified_domain_cannot_be_primary(client, demo, login_as):
    login_as(demo.owner)
    record = added(client)
    response = client.post(f"{DOMAINS}/{record.id}/primary")
    assert response.status_code == 422 and "Verify the domain before making it primary" in text(response)
    assert not domains(demo.acme.id)[0].is_primary


def test_removing_a_domain_stops_serving_it(client, demo, login_as):
    record = verified(demo.acme.id, "shop.acme.example")
    assert client.get("/", headers={"Host": "shop.acme.example"}).status_code == 200
    login_as(demo.owner)
    assert client.post(f"{DOMAINS}/{record.id}/remove").status_code == 303
    assert domains(demo.acme.id) == [] and actions() == ["tenancy.domain.removed"]
    assert client.get("/", headers={"Host": "shop.acme.example"}).status_code == 404


# --- isolation -------------------------------------------------------------------------------------

@pytest.mark.parametrize("action", ["verify", "primary", "remove"])
def test_another_stores_domain_is_404_through_the_owners_own_store(client, demo, login_as, dns, action):
    theirs = verified(demo.bistro.id, "bistro.example")
    login_as(demo.owner)
    assert client.post(f"{DOMAINS}/{theirs.id}/{action}").status_code == 404
    assert [(d.domain, d.is_verified, d.is_primary) for d in domains(demo.bistro.id)] == [
        ("bistro.example", True, False)]


@pytest.mark.parametrize("action", ["verify", "primary", "remove"])
def test_an_unknown_domain_id_is_404(client, demo, login_as, action):
    login_as(demo.owner)
    assert client.post(f"{DOMAINS}/999999/{action}").status_code == 404


@pytest.mark.parametrize("action", ["verify", "primary", "remove"])
def test_the_owner_of_acme_cannot_reach_bistros_domains(client, demo, login_as, action):
    theirs = verified(demo.bistro.id, "bistro.example")
    login_as(demo.owner)
    assert client.post(f"/store/bistro/settings/domains/{theirs.id}/{action}").status_code in (403, 404)
    assert client.post("/store/bistro/settings/domains", data={"domain": "x.example"}).status_code in (403, 404)
    assert len(domains(demo.bistro.id)) == 1 and domains(demo.bistro.id)[0].domain == "bistro.example"


@pytest.mark.parametrize("action", ["verify", "primary", "remove"])
def test_staff_may_not_touch_domains(client, demo, login_as, action):
    mine = verified(demo.acme.id, "shop.acme.example")
    login_as(demo.staff)
    assert client.post(f"{DOMAINS}/{mine.id}/{action}").status_code == 403
    assert add(client, "x.example").status_code == 403
    assert [(d.domain, d.is_primary) for d in domains(demo.acme.id)] == [("shop.acme.example", False)]


def test_domain_actions_need_the_csrf_token(client, demo, login_as):
    mine = verified(demo.acme.id, "shop.acme.example")
    login_as(demo.owner)
    assert client.post(f"{DOMAINS}/{mine.id}/remove", csrf=False).status_code == 400
    assert len(domains(demo.acme.id)) == 1


def test_a_store_has_a_bounded_number_of_domains(client, demo, login_as):
    from webapp.modules.tenancy.services.domains import MAX_DOMAINS

    for number in range(MAX_DOMAINS):
        add_store_domain(demo.acme.id, f"shop{number}.acme.example")
    db.session.commit()
    login_as(demo.owner)
    response = add(client, "one-more.acme.example")
    assert response.status_code == 422 and "at most 10 domains" in text(response)
    assert len(domains(demo.acme.id)) == MAX_DOMAINS


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_is_a_clean_ascii_domain_or_a_refusal(raw):
    from webapp.modules.tenancy.exceptions import DomainRefused
    from webapp.modules.tenancy.services import normalise_domain

    try:
        domain = normalise_domain(raw)
    except DomainRefused as refusal:
        assert refusal.reason in ("invalid", "ip")
    else:
        assert domain.isascii() and domain == domain.lower() and 3 <= len(domain) <= 253
        assert all(label and len(label) <= 63 for label in domain.split("."))
