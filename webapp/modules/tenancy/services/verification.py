"""Proving control of a custom domain: the TXT record `_orion-verify.<domain>` holds the domain's token.

The lookup sits behind `DomainVerifier` so tests (and air-gapped installs) can answer it without
DNS; production asks the system resolver through dnspython, with a timeout.
"""

from __future__ import annotations

import enum
from typing import Protocol

import dns.exception
import dns.resolver

RECORD_PREFIX = "_orion-verify"


class LookupFailed(Exception):
    """The TXT lookup gave no answer; `outcome` says why (a `Outcome` member)."""

    def __init__(self, outcome: Outcome):
        super().__init__(outcome.value)
        self.outcome = outcome


class Outcome(enum.Enum):
    VERIFIED = "verified"
    WRONG_TOKEN = "wrong_token"  # noqa: S105  # nosec B105 (an outcome, not a secret)
    NO_RECORD = "no_record"
    TIMEOUT = "timeout"
    FAILED = "failed"


class DomainVerifier(Protocol):
    def txt_records(self, name: str) -> list[str]:
        """The TXT strings published at `name` (LookupFailed when there is no answer)."""


class DnsVerifier:
    """TXT lookups through the system resolver (dnspython)."""

    def __init__(self, timeout: float = 5.0):
        self.timeout = timeout

    def txt_records(self, name: str) -> list[str]:
        try:
            answer = dns.resolver.resolve(name, "TXT", lifetime=self.timeout)
        except (dns.resolver.NXDOMAIN, dns.resolver.NoAnswer):
            raise LookupFailed(Outcome.NO_RECORD) from None
        except dns.exception.Timeout:
            raise LookupFailed(Outcome.TIMEOUT) from None
        except dns.exception.DNSException:
            raise LookupFailed(Outcome.FAILED) from None
        return [b"".join(record.strings).decode("utf-8", "replace") for record in answer]


class StaticVerifier:
    """Answers from a dict (name → TXT strings, or an Outcome to fail with): tests and demos."""

    def __init__(self, records: dict[str, list[str] | Outcome] | None = None):
        self.records = dict(records or {})

    def txt_records(self, name: str) -> list[str]:
        answer = self.records.get(name, Outcome.NO_RECORD)
        if isinstance(answer, Outcome):
            raise LookupFailed(answer)
        return list(answer)


def record_name(domain: str) -> str:
    return f"{RECORD_PREFIX}.{domain}"


def check(verifier: DomainVerifier, domain: str, token: str) -> Outcome:
    """Whether the domain's TXT record holds `token`."""
    try:
        records = verifier.txt_records(record_name(domain))
    except LookupFailed as failure:
        return failure.outcome
    if not records:
        return Outcome.NO_RECORD
    return Outcome.VERIFIED if any(value.strip().strip('"') == token for value in records) else Outcome.WRONG_TOKEN
