"""The single host-resolution layer: maps production hosts onto the canonical URL map.

`acme.orion.lu/p/x` is served as `/platforms/main/storefront/acme/p/x`; the mount is kept in
the WSGI environ so URL building can drop it again for requests that arrived on that host.
"""

from __future__ import annotations

from urllib.parse import quote

from werkzeug.utils import redirect
from werkzeug.wsgi import get_host

from webapp.framework.ports import HostMatch, tenant_directory
from webapp.framework.routing.frontends import (
    GLOBAL_PREFIXES,
    STORE_HOST_GLOBAL_PREFIXES,
    is_global_path,
)

MOUNT_KEY = "orion.mount"
HOST_MATCH_KEY = "orion.host_match"
ORIGINAL_PATH_KEY = "orion.original_path"


def normalise_host(raw: str) -> str:
    host = raw.strip().lower()
    if host.startswith("["):  # IPv6 literal, keep the brackets
        return host.split("]")[0] + "]"
    host = host.rsplit(":", 1)[0] if ":" in host else host
    return host.rstrip(".")  # the port goes first: `shop.example.:8000` is `shop.example`


def mount_for(match: HostMatch, path: str) -> str | None:
    """The canonical prefix a request on this host is served under, if any."""
    if match.kind == "store":
        if is_global_path(path, STORE_HOST_GLOBAL_PREFIXES):
            return None
        return f"/platforms/{match.platform_code}/storefront/{match.store_code}"
    if match.kind == "platform" and not is_global_path(path, GLOBAL_PREFIXES):
        return f"/platforms/{match.platform_code}"
    return None


def canonical_host(match: HostMatch, host: str) -> str:
    """The host a store's pages are served on: its primary domain once it chose one."""
    return match.primary_domain if match.kind == "store" and match.primary_domain else host


def primary_redirect(environ, domain: str):
    """308 to the same path and query on the store's primary domain (the port kept for development)."""
    raw = get_host(environ)
    port = raw.rsplit(":", 1)[1] if ":" in raw and not raw.endswith("]") else ""
    authority = f"{domain}:{port}" if port and port not in ("80", "443") else domain
    query = environ.get("QUERY_STRING", "")
    path = quote((environ.get("PATH_INFO") or "/").encode("latin-1"), safe="/:@!$&'()*+,;=-._~%")
    return redirect(f"{environ.get('wsgi.url_scheme', 'http')}://{authority}{path}" + (f"?{query}" if query else ""),
                    code=308)


class HostDispatcher:
    """WSGI middleware: resolve the Host header once, rewrite PATH_INFO onto the canonical map."""

    def __init__(self, flask_app, wsgi_app):
        self.flask_app = flask_app
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        host = normalise_host(get_host(environ))
        match = self.resolve(host)
        environ[HOST_MATCH_KEY] = match
        path = environ.get("PATH_INFO") or "/"
        environ[ORIGINAL_PATH_KEY] = path
        if match is not None:
            mount = mount_for(match, path)
            if mount and canonical_host(match, host) != host:
                return primary_redirect(environ, match.primary_domain)(environ, start_response)
            if mount:
                environ[MOUNT_KEY] = mount
                environ["PATH_INFO"] = mount + (path if path != "/" else "/")
        return self.wsgi_app(environ, start_response)

    def resolve(self, host: str) -> HostMatch | None:
        with self.flask_app.app_context():
            directory = tenant_directory()
            directory.refresh()  # once per request: drop entries another process invalidated
            if host in self.flask_app.config["APP_HOSTS"]:
                return HostMatch(kind="app")
            return directory.match_host(host)
