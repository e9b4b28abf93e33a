"""Per-field fallback of texts to the store's default language."""

from __future__ import annotations

from dataclasses import dataclass

TEXT_FIELDS = ("name", "slug", "description", "seo_title", "seo_description")


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
