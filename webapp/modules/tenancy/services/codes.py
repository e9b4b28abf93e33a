"""Store codes and subdomains: one set of rules for signup and the admin.

A code names the store in URLs (`/store/<code>/`) and usually as its subdomain, so it must be a
valid DNS label and must not shadow a path or host the platform itself uses.
"""

from __future__ import annotations

import re

from sqlalchemy import select

from webapp.extensions import db
from webapp.modules.tenancy.models import Store

CODE_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$")
MIN_LENGTH = 3
MAX_LENGTH = 40
RESERVED = frozenset({
    "admin", "api", "app", "assets", "auth", "billing", "cdn", "dashboard", "docs", "help", "login", "logout",
    "mail", "media", "platform", "platforms", "root", "shop", "signup", "static", "status", "store", "stores",
    "storefront", "support", "www",
})


def normalise_code(code: str) -> str:
    return (code or "").strip().lower()


def code_format_problem(code: str) -> str | None:
    """Why `code` cannot be a store code or subdomain by its shape: "length", "characters" or "reserved"."""
    code = normalise_code(code)
    if not MIN_LENGTH <= len(code) <= MAX_LENGTH:
        return "length"
    if not CODE_PATTERN.match(code) or "--" in code:
        return "characters"
    if code in RESERVED:
        return "reserved"
    return None


def store_code_problem(code: str) -> str | None:
    """Why `code` cannot be a new store's code ("length", "characters", "reserved", "taken"), or None."""
    problem = code_format_problem(code)
    if problem:
        return problem
    if db.session.scalar(select(Store.id).where(Store.code == normalise_code(code))):
        return "taken"
    return None


def subdomain_problem(platform_id: int, subdomain: str, *, store_id: int | None = None) -> str | None:
    """Why `subdomain` cannot serve a store on this platform (as `store_code_problem`), or None."""
    problem = code_format_problem(subdomain)
    if problem:
        return problem
    query = select(Store.id).where(Store.platform_id == platform_id, Store.subdomain == normalise_code(subdomain))
    if store_id is not None:
        query = query.where(Store.id != store_id)
    return "taken" if db.session.scalar(query) else None


def suggest_store_code(code: str) -> str | None:
    """A free code close to `code` (`acme-2`, `acme-3`, …), for a "taken" answer."""
    base = normalise_code(code)[:MAX_LENGTH - 3].strip("-")
    if code_format_problem(base) in ("length", "characters"):
        return None
    taken = set(db.session.scalars(select(Store.code).where(Store.code.like(f"{base}-%"))))
    for number in range(2, 100):
        candidate = f"{base}-{number}"
        if candidate not in taken:
            return candidate
    return None


HOSTNAME = re.compile(r"^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")


def normalise_domain(domain: str) -> str:
    return (domain or "").strip().lower().rstrip(".")


def hostname_problem(domain: str) -> str | None:
    """"domain" when `domain` is not a host name with at least one dot (`shop.example`), else None."""
    return None if HOSTNAME.match(normalise_domain(domain)) else "domain"
