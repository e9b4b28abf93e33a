"""Which language content is shown in, and per-field fallback to the store's default language."""

from __future__ import annotations

from dataclasses import dataclass

from flask import has_request_context
from flask_babel import get_locale

TEXT_FIELDS = ("name", "slug", "description", "seo_title", "seo_description")


def content_language(store) -> str:
    """The UI locale when the store offers it, else the store's default language."""
    locale = str(get_locale()) if has_request_context() and get_locale() is not None else ""
    return locale if locale in tuple(store.languages) else store.default_language


@dataclass(frozen=True)
class Texts:
    """A record's texts in one language, each field falling back to the default language."""

    language: str
    name: str = ""
    slug: str = ""
    description: str = ""
    seo_title: str = ""
    seo_description: str = ""


def pick_texts(translations, language: str, default_language: str) -> Texts:
    """Merge `language`'s translation over the default one's, field by field."""
    by_language = {t.language: t for t in translations}
    primary = by_language.get(language)
    fallback = by_language.get(default_language)
    if fallback is None and by_language:  # the default language changed after the texts were written
        fallback = min(by_language.values(), key=lambda t: t.id or 0)
    values = {}
    for field in TEXT_FIELDS:
        values[field] = (getattr(primary, field, "") or getattr(fallback, field, "") or "")
    return Texts(language=language, **values)
