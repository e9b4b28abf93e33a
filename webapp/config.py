"""Configuration: one object built from environment variables (and `.env`)."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# Refused in production (see check_config).
DEV_SECRET_KEY = "orion-development-only-secret-key-change-me"  # noqa: S105  # nosec B105


class ConfigError(RuntimeError):
    """Raised at start-up when the configuration cannot be used safely."""


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip().lower() for item in value.split(",") if item.strip()]


def _default_database_url() -> str:
    instance = PROJECT_ROOT / "instance"
    return f"sqlite:///{instance / 'orion.db'}"


def load_config(overrides: dict | None = None) -> dict:
    """Read settings from the environment; explicit `overrides` (tests, tools) win."""
    env = os.environ.get("ORION_ENV", "development").lower()
    redis_url = os.environ.get("REDIS_URL") or None
    config = {
        "ORION_ENV": env,
        "DEBUG": _env_bool("FLASK_DEBUG", False),
        "TESTING": False,
        "SECRET_KEY": os.environ.get("SECRET_KEY", DEV_SECRET_KEY),
        "SQLALCHEMY_DATABASE_URI": os.environ.get("DATABASE_URL") or _default_database_url(),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        # PostgreSQL: the app connects as a role that owns no table (row-level security applies to
        # it); migrations connect as the owner and grant that role DML afterwards.
        "MIGRATIONS_DATABASE_URL": os.environ.get("MIGRATIONS_DATABASE_URL") or None,
        "REDIS_URL": redis_url,
        "MAIN_PLATFORM_CODE": os.environ.get("MAIN_PLATFORM_CODE", "main"),
        # Hosts that serve the canonical (development) URL scheme: /admin, /store/<code>,
        # /platforms/<code>/... Platform domains, store subdomains and verified custom
        # domains are added from the database by the tenancy resolver.
        "APP_HOSTS": _env_list("APP_HOSTS", ["localhost", "127.0.0.1", "[::1]"]),
        "PROXY_FIX_HOPS": int(os.environ.get("PROXY_FIX_HOPS", "0")),
        "PREFERRED_URL_SCHEME": os.environ.get("PREFERRED_URL_SCHEME", "http"),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": env == "production",
        "SESSION_COOKIE_NAME": "orion_session",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": env == "production",
        "PERMANENT_SESSION_LIFETIME": 60 * 60 * 12,
        "WTF_CSRF_TIME_LIMIT": None,  # the token lives as long as the session
        "WTF_CSRF_SSL_STRICT": env == "production",
        "MAX_CONTENT_LENGTH": int(os.environ.get("MAX_CONTENT_LENGTH", str(16 * 1024 * 1024))),
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI") or redis_url or "memory://",
        "RATELIMIT_ENABLED": _env_bool("RATELIMIT_ENABLED", True),
        "RATELIMIT_HEADERS_ENABLED": True,
        "LOGIN_RATE_LIMIT": os.environ.get("LOGIN_RATE_LIMIT", "10 per minute;50 per hour"),
        "LANGUAGES": ["en", "fr", "de", "lb"],
        "BABEL_DEFAULT_LOCALE": "en",
        "BABEL_DEFAULT_TIMEZONE": os.environ.get("BABEL_DEFAULT_TIMEZONE", "Europe/Luxembourg"),
        "BABEL_TRANSLATION_DIRECTORIES": str(PROJECT_ROOT / "translations"),
        "MIGRATIONS_DIR": str(PROJECT_ROOT / "migrations"),
        "MEDIA_ROOT": os.environ.get("MEDIA_ROOT") or str(PROJECT_ROOT / "instance" / "media"),
        "SESSION_FILE_DIR": os.environ.get("SESSION_FILE_DIR") or str(PROJECT_ROOT / "instance" / "sessions"),
        "TENANT_CACHE_TTL": int(os.environ.get("TENANT_CACHE_TTL", "300")),
        # Custom domains are verified through a TXT lookup: seconds before the resolver gives up, and
        # the verifier itself (None: DNS through dnspython; tests put a fake DomainVerifier here).
        "DOMAIN_VERIFY_TIMEOUT": float(os.environ.get("DOMAIN_VERIFY_TIMEOUT", "5")),
        "DOMAIN_VERIFIER": None,
        # Shared cache versions without Redis: files every process of this machine reads.
        "VERSIONS_DIR": os.environ.get("VERSIONS_DIR") or str(PROJECT_ROOT / "instance" / "versions"),
        "STOREFRONT_CACHE_SECONDS": int(os.environ.get("STOREFRONT_CACHE_SECONDS", "60")),
        "STOREFRONT_CACHE_MB": float(os.environ.get("STOREFRONT_CACHE_MB", "64")),
        "JOB_QUEUES": ["high", "default", "low"],
        "HSTS_SECONDS": 31536000 if env == "production" else 0,
        "SLOW_QUERY_MS": int(os.environ.get("SLOW_QUERY_MS", "0" if env == "production" else "200")),
    }
    if overrides:
        config.update(overrides)
    return config


def check_config(config: dict) -> None:
    """Refuse to start with settings that are unsafe in production."""
    if config["ORION_ENV"] != "production":
        return
    problems = []
    secret = config.get("SECRET_KEY") or ""
    if secret == DEV_SECRET_KEY or len(secret) < 32:
        problems.append("SECRET_KEY must be set to a random value of at least 32 characters")
    if config.get("DEBUG"):
        problems.append("DEBUG must be off")
    if not config.get("APP_HOSTS"):
        problems.append("APP_HOSTS must list the hosts that serve the application")
    if config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        problems.append("DATABASE_URL must point to PostgreSQL")
    if problems:
        raise ConfigError("Refusing to start in production: " + "; ".join(problems))


def module_config_from_env(code: str, defaults: dict) -> dict:
    """A module's config defaults, each overridable by `<CODE>_<KEY>` in the environment."""
    resolved = {}
    for key, default in defaults.items():
        raw = os.environ.get(f"{code.upper()}_{key}")
        if raw is None:
            resolved[key] = default
        elif isinstance(default, bool):
            resolved[key] = raw.strip().lower() in {"1", "true", "yes", "on"}
        elif isinstance(default, int):
            resolved[key] = int(raw)
        elif isinstance(default, float):
            resolved[key] = float(raw)
        else:
            resolved[key] = raw
    return resolved
