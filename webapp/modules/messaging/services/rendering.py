"""Email templates: files of the owning module, one per language, rendered in Jinja's sandbox."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from flask import current_app
from jinja2 import StrictUndefined, TemplateError, TemplateNotFound
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from webapp.modules.messaging.exceptions import MessagingError

FALLBACK_LOCALE = "en"
SUBJECT_PREFIX = "Subject:"
SUBJECT_MAX = 255
# "customers/emails/password_reset": module folder first, no dots, no "..", no leading slash.
TEMPLATE_NAME = re.compile(r"^[a-z][a-z0-9_]*(/[a-z0-9_\-]+)+$")
LOCALE = re.compile(r"^[a-z]{2,3}([_-][A-Za-z]{2,4})?$")


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str | None
    locale: str  # the language actually used, after falling back


@cache
def _sandbox(autoescape: bool) -> ImmutableSandboxedEnvironment:
    # Strict: a missing variable or a blocked attribute raises instead of rendering as "".
    return ImmutableSandboxedEnvironment(autoescape=autoescape, undefined=StrictUndefined,
                                         keep_trailing_newline=True)


def _candidates(locale: str) -> list[str]:
    locale = locale if LOCALE.match(locale or "") else FALLBACK_LOCALE
    language = re.split(r"[_-]", locale)[0].lower()
    return list(dict.fromkeys([locale, language, FALLBACK_LOCALE]))


def _source(template: str, extension: str, locale: str) -> tuple[str, str] | None:
    """(source, locale) of the first of `<template>.<locale>.<ext>`, its language, English."""
    loader = current_app.jinja_loader
    for candidate in _candidates(locale):
        try:
            source, _filename, _uptodate = loader.get_source(current_app.jinja_env,
                                                             f"{template}.{candidate}.{extension}")
        except TemplateNotFound:
            continue
        return source, candidate
    return None


def _render(source: str, context: dict, *, template: str, html: bool) -> str:
    try:
        return _sandbox(html).from_string(source).render(context)
    except SecurityError as error:
        raise MessagingError(f"email template {template!r} tried an unsafe operation: {error}") from error
    except TemplateError as error:
        raise MessagingError(f"email template {template!r} could not be rendered: {error}") from error


def render_email(template: str, context: dict, locale: str) -> RenderedEmail:
    """Render `<template>.<locale>.txt` (and `.html` if present), falling back to English."""
    if not TEMPLATE_NAME.match(template or ""):
        raise MessagingError(f"invalid email template name {template!r}")
    found = _source(template, "txt", locale)
    if found is None:
        raise MessagingError(f"email template {template!r} not found (looked for {locale!r} and English)")
    source, used = found
    first_line, _, body = source.partition("\n")
    if not first_line.startswith(SUBJECT_PREFIX):
        raise MessagingError(f"email template {template!r} must start with a '{SUBJECT_PREFIX} ...' line")
    # Rendered apart from the body, so a newline in a value can never move text between them.
    subject = " ".join(_render(first_line[len(SUBJECT_PREFIX):], context, template=template, html=False).split())
    if not subject:
        raise MessagingError(f"email template {template!r} renders an empty subject")
    text = _render(body.lstrip("\r\n"), context, template=template, html=False)
    html_found = _source(template, "html", used)
    html = _render(html_found[0], context, template=template, html=True) if html_found else None
    return RenderedEmail(subject=subject[:SUBJECT_MAX], text=text, html=html, locale=used)
