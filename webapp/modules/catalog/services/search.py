"""Product search: PostgreSQL full-text search, or LIKE on SQLite; the text both search in."""

from __future__ import annotations

from sqlalchemy import and_, func, literal_column, true

from webapp.extensions import db
from webapp.modules.catalog.models import FTS_CONFIG, Product
from webapp.modules.catalog.services.richtext import plain_text

SEARCH_TEXT_MAX = 20_000
TERM_MAX = 100


def build_search_text(product: Product) -> str:
    """Names, texts, SKUs and option values of every language, lower-cased, in one column."""
    parts: list[str] = []
    for translation in product.translations:
        parts += [translation.name, translation.seo_title, plain_text(translation.description)]
    for variant in product.variants:
        parts += [variant.sku, *map(str, variant.options.values())]
    return " ".join(" ".join(parts).lower().split())[:SEARCH_TEXT_MAX]


def _escape_like(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def like_condition(term: str):
    """Every word of `term` appears somewhere in the product's search text (wildcards escaped)."""
    words = term.lower().split()[:10]
    if not words:
        return true()
    column = func.lower(Product.search_text)
    return and_(*(column.like(f"%{_escape_like(word)}%", escape="\\") for word in words))


def _full_text() -> bool:
    return db.session.get_bind().dialect.name == "postgresql"


def search_condition(term: str):
    """Full-text match on PostgreSQL (uses the GIN index), the LIKE fallback elsewhere."""
    term = " ".join(term.split())[:TERM_MAX]
    if not term:
        return true()
    if _full_text():
        # search_vector is to_tsvector('simple', search_text), maintained by a trigger (migration catalog_001).
        return Product.search_vector.op("@@")(func.plainto_tsquery(literal_column(FTS_CONFIG), term.lower()))
    return like_condition(term)
