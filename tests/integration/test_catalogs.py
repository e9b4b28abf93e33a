"""The shipped catalogs: every UI string translated in every language, with the source's placeholders
and tags, so no page falls back to English and no translation breaks a `%(name)s`."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2] / "translations"
LANGUAGES = sorted(p.name for p in ROOT.iterdir() if p.is_dir() and p.name != "en")
TOKEN = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}|</?[a-zA-Z][^>]*>")
COUNTS = {"%(num)d", "%(count)d", "%(num)s", "%(count)s"}  # a singular form may say "one" in words


def catalog(language):
    with open(ROOT / language / "LC_MESSAGES" / "messages.po", "rb") as handle:
        return read_po(handle, locale=language)


def forms(value) -> list[str]:
    return list(value) if isinstance(value, (list, tuple)) else [value]


def test_there_are_languages_to_check():
    assert {"fr", "de", "lb"} <= set(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_is_translated_and_none_is_fuzzy(language):
    missing = [m.id for m in catalog(language) if m.id and (m.fuzzy or not all(forms(m.string)))]
    assert missing == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders_and_tags(language):
    wrong = []
    for message in catalog(language):
        if not message.id:
            continue
        source = set(TOKEN.findall(" ".join(forms(message.id))))
        for translation in forms(message.string):
            found = set(TOKEN.findall(translation))
            if found - source or source - found - COUNTS:
                wrong.append((message.id, translation))
    assert wrong == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_babel_finds_no_format_or_plural_error(language):
    assert [(m.id, [str(e) for e in errors]) for m, errors in catalog(language).check()] == []
