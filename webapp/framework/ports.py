"""Interfaces the framework needs and a core module implements (declared in `provides`).

The framework never imports a module; instead a core module names, in its definition, the
object that fulfils each port, and the loader plugs it in here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from flask import current_app


@dataclass(frozen=True)
class PlatformInfo:
    id: int
    code: str
    name: str
    domain: str | None
    default_language: str
    languages: tuple[str, ...]
    enabled_modules: frozenset[str]
    theme: dict = field(default_factory=dict)


@dataclass(frozen=True)
class StoreInfo:
    id: int
    code: str
    name: str
    platform_id: int
    platform_code: str
    merchant_id: int
    subdomain: str | None
    status: str
    default_language: str
    languages: tuple[str, ...]
    currency: str
    theme: dict = field(default_factory=dict)
    country: str = "LU"  # ISO code: VAT, and how dates are written in English
    timezone: str = "Europe/Luxembourg"  # IANA name dates are shown in
    contact_email: str = ""
    phone: str = ""
    address: str = ""  # the store's own address on one line ("street, postal code city"), "" when not given
    primary_domain: str | None = None  # the verified custom domain every other host of the store redirects to

    @property
    def is_open(self) -> bool:
        return self.status == "active"


@dataclass(frozen=True)
class HostMatch:
    """What a Host header names: the app itself, a platform domain, or a store host."""

    kind: str  # "app" | "platform" | "store"
    platform_code: str | None = None
    store_code: str | None = None
    platform_domain: str | None = None
    primary_domain: str | None = None  # a store's canonical host, when it chose one


class TenantDirectory(Protocol):
    def match_host(self, host: str) -> HostMatch | None: ...
    def platform(self, code: str) -> PlatformInfo | None: ...
    def platform_by_id(self, platform_id: int) -> PlatformInfo | None: ...
    def store(self, code: str) -> StoreInfo | None: ...
    def all_platforms(self) -> list[PlatformInfo]: ...
    def refresh(self) -> None: ...
    def invalidate(self) -> None: ...


class UserLoader(Protocol):
    def __call__(self, user_id: str) -> Any: ...


PORTS = {
    "tenant_directory": "the host/platform/store lookups used by tenant routing",
    "user_loader": "loads a platform user for Flask-Login from its session id",
    "login_view": "the endpoint of the platform users' sign-in page",
    "feature_gate": "answers whether a tier feature is available to the current store",
    "upgrade_link": "names the page where the current store can get a tier feature it lacks (framework.features)",
    "audit_log": "keeps an append-only record of sensitive actions (framework.audit.audit calls it)",
    "usage_limits": "answers whether a store may add more of something its plan limits (framework.limits)",
    "installer": "creates the first platform and platform staff (`flask orion init`, `create-user`)",
    "account_gate": "names the endpoint a signed-in user must finish first (e.g. a required second factor), or None",
}


class InstallOutcome(Protocol):
    id: int
    created: bool
    note: str


class Installer(Protocol):
    """Writes of a production install; each raises an `OrionError` naming the conflict it refuses."""

    staff_roles: tuple[str, ...]

    def install_platform(self, code: str, name: str, *, domain: str, languages: tuple[str, ...],
                         default_language: str) -> InstallOutcome: ...
    def install_super_admin(self, email: str, password: str, *, name: str = "") -> InstallOutcome: ...
    def create_staff_user(self, email: str, password: str, *, name: str, role: str,
                          platform_code: str | None = None) -> Any: ...


class PortMissing(RuntimeError):
    """A port nobody provides was asked for."""


def get_port(name: str) -> Any:
    try:
        return current_app.extensions["orion.ports"][name]
    except KeyError:
        raise PortMissing(f"no module provides the {name!r} port ({PORTS.get(name, 'unknown port')})") from None


def tenant_directory() -> TenantDirectory:
    return get_port("tenant_directory")
