"""Media storage behind one small interface: a local folder by default.

Files get random names (never the uploader's), are served from `/media/<key>` with
`nosniff` and as attachments unless they are images, and are never rendered as HTML.
`put` writes at a key derived from a saved one (an image's renditions sit beside it).
An S3-compatible backend implements the same five methods.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Protocol

from flask import Blueprint, Flask, abort, current_app, send_from_directory, url_for

from webapp.config import PROJECT_ROOT
from webapp.framework.auth.access import public

SAFE_INLINE = {"png", "jpg", "jpeg", "webp", "gif"}


class MediaStorage(Protocol):
    def save(self, data: bytes, *, prefix: str, extension: str) -> str: ...
    def put(self, key: str, data: bytes) -> None: ...
    def url(self, key: str) -> str: ...
    def read(self, key: str) -> bytes: ...
    def delete(self, key: str) -> None: ...


class LocalStorage:
    def __init__(self, root: Path):
        self.root = root

    def save(self, data: bytes, *, prefix: str, extension: str) -> str:
        """Store bytes under `<prefix>/<random>.<extension>`; returns the key."""
        if not prefix.replace("/", "").replace("-", "").replace("_", "").isalnum() or not extension.isalnum():
            raise ValueError("prefix and extension must be plain names")
        key = f"{prefix}/{secrets.token_hex(16)}.{extension.lower()}"
        self.put(key, data)
        return key

    def put(self, key: str, data: bytes) -> None:
        """Write bytes at exactly `key` (a plain relative path)."""
        parts = key.split("/")
        if not key or any(part in ("", ".", "..") for part in parts) or key.startswith("/"):
            raise ValueError("key must be a plain relative path")
        path = self.root / key
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    def url(self, key: str) -> str:
        return url_for("media.media_show", key=key)

    def read(self, key: str) -> bytes:
        return (self.root / key).read_bytes()

    def delete(self, key: str) -> None:
        (self.root / key).unlink(missing_ok=True)


def storage() -> MediaStorage:
    return current_app.extensions["orion.storage"]


bp = Blueprint("media", __name__)


@bp.get("/media/<path:key>")
@public
def media_show(key: str):
    if ".." in key.split("/"):
        abort(404)
    extension = key.rsplit(".", 1)[-1].lower()
    response = send_from_directory(current_app.config["MEDIA_ROOT"], key, max_age=365 * 24 * 3600,
                                   as_attachment=extension not in SAFE_INLINE)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def init_app(app: Flask) -> None:
    app.config.setdefault("MEDIA_ROOT", str(PROJECT_ROOT / "instance" / "media"))
    app.extensions["orion.storage"] = LocalStorage(Path(app.config["MEDIA_ROOT"]))
    app.register_blueprint(bp)
