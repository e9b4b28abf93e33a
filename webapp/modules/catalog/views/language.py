"""Which language this request shows catalog content in (the UI locale, when the store offers it)."""

from __future__ import annotations

from flask import has_request_context
from flask_babel import get_locale

from webapp.modules.catalog.services import item_labels as _item_labels


def ui_locale() -> str:
    """The UI locale of this request ("" outside a request)."""
    return str(get_locale()) if has_request_context() and get_locale() is not None else ""


def content_language(store) -> str:
    """Contract `catalog.content_language`: the UI locale when the store offers it, else its default language."""
    locale = ui_locale()
    return locale if locale in tuple(store.languages) else store.default_language


def item_labels(store_id: int, item_ids) -> dict[int, str]:
    """Contract `catalog.item_labels`: "Product, option values" per stock item id, in the reader's language."""
    return _item_labels(store_id, item_ids, language=ui_locale() or None)
