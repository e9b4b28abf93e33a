"""Server-side sessions (Flask-Session): Redis when configured, files under instance/ otherwise.

The cookie holds only a random session id, so logging out or changing a password really ends
a session on the server, and a new id is issued at every sign-in.

Every page renders a CSRF token, which Flask-WTF keeps in the session: stored server-side, each
first visit (every crawler hit) would cost a store write. So a session holding nothing but light
keys lives in a signed cookie (`orion_visit`) instead; the first real key (cart, sign-in, flash
message, ...) moves it, CSRF token included, to the server store under a fresh random id.
"""

from __future__ import annotations

from pathlib import Path

from cachelib import FileSystemCache
from flask import Flask, Request, Response, current_app, session
from flask.sessions import SecureCookieSessionInterface, SessionInterface
from flask_session import Session
from flask_session.base import ServerSideSession, ServerSideSessionInterface

from webapp.config import PROJECT_ROOT

_sessions = Session()

VISIT_COOKIE = "orion_visit"
# The CSRF raw token, the permanent flag, and the `_fresh = False` Flask-Login's session
# protection adds to any non-empty session without a user: nothing a visitor did.
LIGHT_KEYS = frozenset({"csrf_token", "_permanent", "_fresh"})


class _VisitCookie(SecureCookieSessionInterface):
    """Flask's signed cookie session, under its own name and salt (never valid as anything else)."""

    salt = "orion-visit"

    def get_cookie_name(self, app: Flask) -> str:
        return VISIT_COOKIE


class LightSessionInterface(SessionInterface):
    """Flask-Session's interface, except that light sessions stay in the `orion_visit` cookie.

    A session opened without a stored one is marked `stored = False`; it keeps Flask-Session's
    class and fresh random id, so promoting it is just saving it server-side.
    """

    def __init__(self, server: ServerSideSessionInterface):
        self.server = server
        self.visit = _VisitCookie()

    def open_session(self, app: Flask, request: Request) -> ServerSideSession:
        sid = request.cookies.get(self.get_cookie_name(app))
        fresh = self.server.open_session(app, request)
        if sid and fresh.sid == sid:  # found in the store: used as before
            return fresh
        # A bad signature gives an empty session: a new visitor. Only light keys are taken, so
        # this cookie can never carry a sign-in even if someone managed to sign one.
        cookie = self.visit.open_session(app, request) or {}
        light = self.server.session_class({k: v for k, v in cookie.items() if k in LIGHT_KEYS},
                                          sid=fresh.sid, permanent=self.server.permanent)
        light.stored = False
        return light

    def save_session(self, app: Flask, session: ServerSideSession, response: Response) -> None:
        if getattr(session, "stored", True):
            self.server.save_session(app, session, response)
        elif session.keys() <= LIGHT_KEYS:
            self.visit.save_session(app, session, response)
        else:
            session.modified = True  # everything goes to the store, the CSRF token too
            self.server.save_session(app, session, response)
            response.delete_cookie(VISIT_COOKIE, domain=self.get_cookie_domain(app),
                                   path=self.get_cookie_path(app), secure=self.get_cookie_secure(app),
                                   samesite=self.get_cookie_samesite(app), httponly=True)

    def regenerate(self, session: ServerSideSession) -> None:
        """A new id, also for a session just cleared: Flask-Session's own regenerate skips empty
        sessions, and sign-in clears the session first, so staff sign-in never got a new id."""
        if getattr(session, "stored", True):
            self.server._delete_session(self.server._get_store_id(session.sid))
        session.sid = self.server._generate_sid(self.server.sid_length)
        session.modified = True


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
    app.session_interface = LightSessionInterface(app.session_interface)


def rotate_session_id() -> None:
    """Give the current session a new id (at sign-in), so a planted id is worthless."""
    current_app.session_interface.regenerate(session)
