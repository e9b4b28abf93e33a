"""Per-language texts of products, categories and collections, with unique slugs per language."""

from __future__ import annotations

from sqlalchemy import and_, or_, select

from webapp.extensions import db
from webapp.modules.catalog.exceptions import DuplicateSlug, MissingName
from webapp.modules.catalog.services.inputs import TextInput
from webapp.modules.catalog.services.richtext import sanitize
from webapp.modules.catalog.services.slugs import first_free, slugify
from webapp.modules.tenancy.services import StoreLanguages

PRODUCT_FIELDS = ("name", "description", "seo_title", "seo_description")
GROUP_FIELDS = ("name",)


def check_default_name(languages: StoreLanguages, texts: dict[str, TextInput]) -> None:
    """The default language needs a name: it is what every other language falls back to."""
    default = texts.get(languages.default)
    if default is None or not default.name.strip():
        raise MissingName(languages.default)


def check_slugs(languages: StoreLanguages, model, owner_column, owner_id: int | None,
                texts: dict[str, TextInput]) -> None:
    """Fail before writing anything if a slug typed by the merchant is taken in its language."""
    for language in languages.languages:
        text = texts.get(language)
        slug = slugify(text.slug) if text else ""
        if not slug:
            continue
        query = select(model.id).where(model.language == language, model.slug == slug)
        if owner_id is not None:
            query = query.where(owner_column != owner_id)
        if db.session.scalar(query.limit(1)) is not None:
            raise DuplicateSlug(language, slug)


def save_texts(store_id: int, owner, model, owner_column, texts: dict[str, TextInput], fields: tuple[str, ...], *,
               languages: StoreLanguages) -> None:
    """Create, update or remove `owner`'s translation rows so they match `texts` (owner has an id)."""
    existing = {t.language: t for t in owner.translations}
    wanted = {language: texts.get(language) or TextInput() for language in languages.languages}
    wanted = {language: text for language, text in wanted.items() if not text.is_empty()}
    slugs = _free_slugs(model, owner_column, owner.id, wanted, texts[languages.default].name)
    for language in languages.languages:
        row = existing.get(language)
        if language not in wanted:
            if row is not None:
                owner.translations.remove(row)
            continue
        values = {name: _clean(name, getattr(wanted[language], name)) for name in fields}
        values["slug"] = slugs[language]
        if row is None:
            owner.translations.append(model(store_id=store_id, language=language, **values))
        else:
            for name, value in values.items():
                setattr(row, name, value)
    db.session.flush()


def _clean(field: str, value: str) -> str:
    return sanitize(value) if field == "description" else " ".join((value or "").split())


def _free_slugs(model, owner_column, owner_id: int, texts: dict[str, TextInput], fallback_name: str) -> dict:
    """A free slug per language: the typed one (DuplicateSlug if taken) or one made from the name."""
    bases = {}
    for language, text in texts.items():
        explicit = slugify(text.slug)
        bases[language] = (explicit, explicit or slugify(text.name or fallback_name) or "item")
    if not bases:
        return {}
    # One query for every language: the slugs that start like the ones we want.
    taken: dict[str, set[str]] = {language: set() for language in bases}
    rows = db.session.execute(select(model.language, model.slug).where(owner_column != owner_id, or_(*(
        and_(model.language == language, model.slug.startswith(base, autoescape=True))
        for language, (_explicit, base) in bases.items()))))
    for language, slug in rows:
        taken[language].add(slug)
    slugs = {}
    for language, (explicit, base) in bases.items():
        if explicit and explicit in taken[language]:
            raise DuplicateSlug(language, explicit)
        slugs[language] = explicit or first_free(base, taken[language])
    return slugs
