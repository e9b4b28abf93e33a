"""Server-side sessions (Flask-Session): Redis when configured, files under instance/ otherwise.

The cookie holds only a random session id, so logging out or changing a password really ends
a session on the server, and a new id is issued at every sign-in.
"""

from __future__ import annotations

from pathlib import Path

from cachelib import FileSystemCache
from flask import Flask, current_app, session
from flask_session import Session

from webapp.config import PROJECT_ROOT

_sessions = Session()


def init_app(app: Flask) -> None:
    redis = app.extensions.get("orion.redis")
    if redis is not None:
        app.config.update(SESSION_TYPE="redis", SESSION_REDIS=redis, SESSION_KEY_PREFIX="orion:session:")
    else:
        folder = Path(app.config.get("SESSION_FILE_DIR") or PROJECT_ROOT / "instance" / "sessions")
        app.config.update(SESSION_TYPE="cachelib",
                          SESSION_CACHELIB=FileSystemCache(str(folder), threshold=100_000, mode=0o600))
    app.config.setdefault("SESSION_PERMANENT", True)
    _sessions.init_app(app)


def rotate_session_id() -> None:
    """Give the current session a new id (at sign-in), so a planted id is worthless."""
    current_app.session_interface.regenerate(session)
