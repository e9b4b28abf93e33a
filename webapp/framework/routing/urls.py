"""URL building that follows the scheme of the current request.

Flask builds canonical (development) paths; on a store or platform host the mount the
host dispatcher added is removed again, and links that host does not serve become absolute
URLs on the platform domain.
"""

from __future__ import annotations

from flask import request

from webapp.framework.ports import HostMatch
from webapp.framework.routing.frontends import STORE_HOST_GLOBAL_PREFIXES, is_global_path
from webapp.framework.routing.hosts import HOST_MATCH_KEY, MOUNT_KEY, ORIGINAL_PATH_KEY


def localise(url: str) -> str:
    """Rewrite a canonical path for the host the current request arrived on."""
    if not url.startswith("/"):
        return url  # already absolute (external) — canonical URLs stay as built
    environ = request.environ
    match: HostMatch | None = environ.get(HOST_MATCH_KEY)
    if match is None or match.kind == "app":
        return url
    path, sep, rest = url.partition("?")
    tail = sep + rest
    if match.kind == "platform":
        mount = f"/platforms/{match.platform_code}"
        return _strip(path, mount) + tail if _under(path, mount) else url
    mount = environ.get(MOUNT_KEY) or f"/platforms/{match.platform_code}/storefront/{match.store_code}"
    if _under(path, mount):
        return _strip(path, mount) + tail
    if is_global_path(path, STORE_HOST_GLOBAL_PREFIXES):
        return url
    return _on_platform_host(match, url)


def _under(path: str, mount: str) -> bool:
    return path == mount or path.startswith(mount + "/")


def _strip(path: str, mount: str) -> str:
    return path[len(mount):] or "/"


def _on_platform_host(match: HostMatch, url: str) -> str:
    """A link a store host does not serve: send it to the platform domain, same port."""
    domain = match.platform_domain
    if not domain:
        return url
    host = request.host
    port = host.rsplit(":", 1)[1] if ":" in host and not host.endswith("]") else ""
    authority = f"{domain}:{port}" if port else domain
    mount = f"/platforms/{match.platform_code}"
    path = _strip(url, mount) if _under(url.partition("?")[0], mount) else url
    return f"{request.scheme}://{authority}{path}"


def current_path() -> str:
    """The path as the browser sees it (before the host dispatcher's rewrite)."""
    return request.environ.get(ORIGINAL_PATH_KEY, request.path)
