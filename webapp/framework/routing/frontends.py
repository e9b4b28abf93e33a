"""Where each frontend's routes live in the one canonical URL map (the development paths)."""

from __future__ import annotations

from webapp.framework.registry.definition import ModuleDefinition

FRONTEND_ROOTS = {
    "admin": "/admin",
    "store": "/store/<store_code>",
    "storefront": "/platforms/<platform_code>/storefront/<store_code>",
    "platform": "/platforms/<platform_code>",
    "api": "/api/v1",
    # Sign-in pages of platform users (staff and merchants), shared by admin and store.
    "auth": "/auth",
}

# Paths a platform host serves as they are; everything else is the platform's own site.
GLOBAL_PREFIXES = ("/admin", "/store/", "/api/", "/static/", "/platforms/", "/health", "/i18n/", "/auth/", "/jobs/",
                   "/media/")
# Paths a store host serves as they are; everything else is that store's storefront.
STORE_HOST_GLOBAL_PREFIXES = ("/static/", "/health", "/i18n/", "/media/")


def url_prefix(frontend: str, definition: ModuleDefinition) -> str:
    """Mount point of a module's blueprint: admin and store get a per-module segment."""
    root = FRONTEND_ROOTS[frontend]
    if frontend in ("admin", "store") and definition.url_segment:
        return f"{root}/{definition.url_segment}"
    return root


def is_global_path(path: str, prefixes: tuple[str, ...]) -> bool:
    return path in ("/admin", "/health") or path.startswith(prefixes)
