"""Categories (a tree per store) and collections (hand-picked groups of products)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import selectinload

from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.catalog.exceptions import CategoryCycle, UnknownCategory
from webapp.modules.catalog.models import Category, CategoryTranslation, Collection, CollectionTranslation
from webapp.modules.catalog.services.inputs import GroupInput
from webapp.modules.catalog.services.language import pick_texts
from webapp.modules.catalog.services.texts import GROUP_FIELDS, check_default_name, check_slugs, save_texts
from webapp.modules.tenancy.services import StoreLanguages, store_languages

MAX_CATEGORIES = 1000  # a store's whole tree is loaded at once; far above what a shop menu holds


@dataclass(frozen=True)
class TreeEntry:
    """A category in depth-first order, with its depth and display texts."""

    id: int
    parent_id: int | None
    depth: int
    name: str
    slug: str
    position: int


def all_categories(store_id: int) -> list[Category]:
    """Every category of the store, with its translations (two queries)."""
    with store_scope(store_id):
        return list(db.session.scalars(select(Category).options(selectinload(Category.translations))
                                       .order_by(Category.position, Category.id).limit(MAX_CATEGORIES)))


def category_tree(categories: list[Category], language: str, default_language: str) -> list[TreeEntry]:
    """The categories depth-first (children after their parent), each with its depth."""
    children: dict[int | None, list[Category]] = {}
    known = {c.id for c in categories}
    for category in categories:
        parent = category.parent_id if category.parent_id in known else None
        children.setdefault(parent, []).append(category)
    entries: list[TreeEntry] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for category in children.get(parent_id, []):
            texts = pick_texts(category.translations, language, default_language)
            entries.append(TreeEntry(category.id, category.parent_id, depth, texts.name, texts.slug,
                                     category.position))
            walk(category.id, depth + 1)

    walk(None, 0)
    return entries


def descendant_ids(categories: list[Category], root_id: int) -> set[int]:
    """`root_id` and every category below it."""
    children: dict[int | None, list[int]] = {}
    for category in categories:
        children.setdefault(category.parent_id, []).append(category.id)
    found, stack = set(), [root_id]
    while stack:
        current = stack.pop()
        if current not in found:
            found.add(current)
            stack.extend(children.get(current, []))
    return found


def get_category(store_id: int, category_id: int) -> Category | None:
    with store_scope(store_id):
        return db.session.scalar(select(Category).where(Category.id == category_id)
                                 .options(selectinload(Category.translations)))


def create_category(store_id: int, data: GroupInput) -> Category:
    """A category under `data.parent_id` (or at the top) with its names and slugs."""
    with store_scope(store_id):
        languages = store_languages(store_id)
        _check_category(store_id, languages, None, data)
        category = Category(store_id=store_id)
        db.session.add(category)
        return _apply_category(store_id, languages, category, data)


def update_category(store_id: int, category: Category, data: GroupInput) -> Category:
    """Rename or move a category; it cannot move below itself."""
    _same_store(store_id, category)
    with store_scope(store_id):
        languages = store_languages(store_id)
        _check_category(store_id, languages, category.id, data)
        return _apply_category(store_id, languages, category, data)


def _same_store(store_id: int, record) -> None:
    if record.store_id != store_id:
        raise UnknownCategory("the category or collection belongs to another store")


def _check_category(store_id: int, languages: StoreLanguages, category_id: int | None, data: GroupInput) -> None:
    check_default_name(languages, data.texts)
    check_slugs(languages, CategoryTranslation, CategoryTranslation.category_id, category_id, data.texts)
    if data.parent_id is None:
        return
    categories = all_categories(store_id)
    if data.parent_id not in {c.id for c in categories}:
        raise UnknownCategory("unknown parent category")
    if category_id is not None and data.parent_id in descendant_ids(categories, category_id):
        raise CategoryCycle("a category cannot be placed below itself")


def _apply_category(store_id: int, languages: StoreLanguages, category: Category, data: GroupInput) -> Category:
    category.parent_id, category.position = data.parent_id, data.position
    db.session.flush()
    save_texts(store_id, category, CategoryTranslation, CategoryTranslation.category_id, data.texts, GROUP_FIELDS,
               languages=languages)
    return category


def delete_category(store_id: int, category: Category) -> None:
    """Delete a category; its children move up to its parent, its products simply leave it."""
    _same_store(store_id, category)
    with store_scope(store_id):
        db.session.execute(update(Category).where(Category.parent_id == category.id)
                           .values(parent_id=category.parent_id).execution_options(synchronize_session="fetch"))
        db.session.delete(category)
        db.session.flush()


def all_collections(store_id: int) -> list[Collection]:
    with store_scope(store_id):
        return list(db.session.scalars(select(Collection).options(selectinload(Collection.translations))
                                       .order_by(Collection.position, Collection.id).limit(MAX_CATEGORIES)))


def get_collection(store_id: int, collection_id: int) -> Collection | None:
    with store_scope(store_id):
        return db.session.scalar(select(Collection).where(Collection.id == collection_id)
                                 .options(selectinload(Collection.translations)))


def save_collection(store_id: int, collection: Collection | None, data: GroupInput) -> Collection:
    """Create (collection None) or update a collection's names, slugs and position."""
    if collection is not None:
        _same_store(store_id, collection)
    with store_scope(store_id):
        languages = store_languages(store_id)
        check_default_name(languages, data.texts)
        check_slugs(languages, CollectionTranslation, CollectionTranslation.collection_id,
                    collection.id if collection else None, data.texts)
        if collection is None:
            collection = Collection(store_id=store_id)
            db.session.add(collection)
        collection.position = data.position
        db.session.flush()
        save_texts(store_id, collection, CollectionTranslation, CollectionTranslation.collection_id, data.texts,
                   GROUP_FIELDS, languages=languages)
        return collection


def delete_collection(store_id: int, collection: Collection) -> None:
    """Delete a collection; its products stay."""
    _same_store(store_id, collection)
    with store_scope(store_id):
        db.session.delete(collection)
        db.session.flush()
