"""`POST /i18n/language`: the language switcher, served on every host."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, current_app, redirect, request, session

from webapp.framework.auth.access import public

bp = Blueprint("i18n", __name__)


def safe_next(target: str | None, fallback: str = "/") -> str:
    """Only same-site relative paths: never redirect to another host."""
    if not target:
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return fallback
    if "\\" in target:  # browsers read `/\evil.example` as `//evil.example`
        return fallback
    return target


@bp.post("/i18n/language")
@public
def language_set():
    language = request.form.get("lang", "")
    if language not in current_app.config["LANGUAGES"]:
        return redirect(safe_next(request.form.get("next")), code=303)
    session["lang"] = language
    # The page in the chosen language (a product under that language's slug), as the page declared it.
    target = request.form.get(f"alt_{language}") or request.form.get("next")
    return redirect(safe_next(target), code=303)
