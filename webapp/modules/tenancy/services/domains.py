"""A store's custom domains: add (validated), verify through DNS, choose the primary one, remove."""

from __future__ import annotations

import ipaddress
import re
import secrets

import idna
from sqlalchemy import select

from webapp.extensions import db
from webapp.modules.tenancy.exceptions import DomainNotFound, DomainNotVerified, DomainRefused
from webapp.modules.tenancy.models import Platform, Store, StoreDomain, utcnow
from webapp.modules.tenancy.services.directory import invalidate_after_commit
from webapp.modules.tenancy.services.verification import DomainVerifier, Outcome, check

LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
MAX_DOMAINS = 10  # per store: enough for every market's domain, bounded against abuse


def normalise_domain(raw: str) -> str:
    """The domain in its ASCII (IDNA) lowercase form; DomainRefused("invalid") when it is not a host name."""
    text = (raw or "").strip().lower().rstrip(".")
    try:
        ipaddress.ip_address(text.strip("[]"))
    except ValueError:
        pass
    else:
        raise DomainRefused("ip")
    if not text or len(text) > 253 or any(ch in text for ch in "/:@ \t\r\n\x00"):
        raise DomainRefused("invalid")
    try:
        ascii_name = idna.encode(text, uts46=True).decode("ascii")
    except (idna.IDNAError, UnicodeError):
        raise DomainRefused("invalid") from None
    labels = ascii_name.split(".")
    if len(labels) < 2 or len(ascii_name) > 253 or not all(LABEL.match(label) for label in labels) \
            or labels[-1].isdigit():
        raise DomainRefused("invalid")
    return ascii_name


def _is_platform_host(domain: str) -> bool:
    platform_domains = db.session.scalars(select(Platform.domain).where(Platform.domain.is_not(None))).all()
    return any(domain == parent or domain.endswith("." + parent) for parent in platform_domains)


def store_domains(store_id: int) -> list[StoreDomain]:
    """The store's custom domains: the primary first, then by when they were added."""
    return list(db.session.scalars(select(StoreDomain).where(StoreDomain.store_id == store_id)
                                   .order_by(StoreDomain.is_primary.desc(), StoreDomain.id)))


def get_domain(store_id: int, domain_id: int) -> StoreDomain:
    """One of the store's domains; another store's (or an unknown id) is DomainNotFound."""
    record = db.session.scalar(select(StoreDomain).where(StoreDomain.id == domain_id,
                                                         StoreDomain.store_id == store_id))
    if record is None:
        raise DomainNotFound(f"no domain {domain_id} in store {store_id}")
    return record


def add_domain(store_id: int, raw: str) -> StoreDomain:
    """Add an unverified domain with its own verification token (not served until verified)."""
    domain = normalise_domain(raw)
    if _is_platform_host(domain):
        raise DomainRefused("platform")
    owner = db.session.scalar(select(StoreDomain.store_id).where(StoreDomain.domain == domain))
    if owner is not None:
        raise DomainRefused("added" if owner == store_id else "taken")
    if len(store_domains(store_id)) >= MAX_DOMAINS:
        raise DomainRefused("limit")
    record = StoreDomain(store_id=store_id, domain=domain, is_verified=False,
                         verification_token=secrets.token_urlsafe(24))
    db.session.add(record)
    db.session.flush()
    return record


def verify_domain(store_id: int, domain_id: int, verifier: DomainVerifier) -> Outcome:
    """Look the domain's TXT record up; a matching token marks it verified (served from the next request)."""
    record = get_domain(store_id, domain_id)
    outcome = check(verifier, record.domain, record.verification_token)
    if outcome is Outcome.VERIFIED and not record.is_verified:
        record.is_verified = True
        record.verified_at = utcnow()
        db.session.flush()
        invalidate_after_commit()
    return outcome


def set_primary_domain(store_id: int, domain_id: int) -> StoreDomain:
    """Make a verified domain the store's only primary one: every other host of the store redirects to it."""
    record = get_domain(store_id, domain_id)
    if not record.is_verified:
        raise DomainNotVerified(f"domain {record.domain} is not verified")
    for other in store_domains(store_id):
        other.is_primary = other.id == record.id
    db.session.flush()
    invalidate_after_commit()
    return record


def remove_domain(store_id: int, domain_id: int) -> StoreDomain:
    """Stop serving a domain; when it was the primary one, the store's subdomain becomes its address again."""
    record = get_domain(store_id, domain_id)
    db.session.delete(record)
    db.session.flush()
    invalidate_after_commit()
    return record


def dns_targets(store_id: int) -> str:
    """The host a custom domain's CNAME points to: the store's subdomain on its platform's domain."""
    row = db.session.execute(select(Store.subdomain, Platform.domain).join(Platform, Store.platform_id == Platform.id)
                             .where(Store.id == store_id)).first()
    if row is None or not row.domain:
        return ""
    return f"{row.subdomain}.{row.domain}" if row.subdomain else row.domain
