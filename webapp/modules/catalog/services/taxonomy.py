"""Categories (a tree per store) and collections (hand-picked groups of products)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import selectinload

from webapp.extensions import db
from webapp.modules.catalog.exceptions import CategoryCycle, UnknownCategory
from webapp.modules.catalog.models import Category, CategoryTranslation, Collection, CollectionTranslation
from webapp.modules.catalog.services.inputs import GroupInput
from webapp.modules.catalog.services.language import pick_texts
from webapp.modules.catalog.services.texts import GROUP_FIELDS, check_default_name, check_slugs, save_texts

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


def all_categories() -> list[Category]:
    """Every category of the store in scope, with its translations (two queries)."""
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


def get_category(category_id: int) -> Category | None:
    return db.session.scalar(select(Category).where(Category.id == category_id)
                             .options(selectinload(Category.translations)))


def create_category(store, data: GroupInput) -> Category:
    """A category under `data.parent_id` (or at the top) with its names and slugs."""
    _check_category(store, None, data)
    category = Category(store_id=store.id)
    db.session.add(category)
    return _apply_category(store, category, data)


def update_category(store, category: Category, data: GroupInput) -> Category:
    """Rename or move a category; it cannot move below itself."""
    _check_category(store, category.id, data)
    return _apply_category(store, category, data)


def _check_category(store, category_id: int | None, data: GroupInput) -> None:
    check_default_name(store, data.texts)
    check_slugs(store, CategoryTranslation, CategoryTranslation.category_id, category_id, data.texts)
    if data.parent_id is None:
        return
    categories = all_categories()
    if data.parent_id not in {c.id for c in categories}:
        raise UnknownCategory("unknown parent category")
    if category_id is not None and data.parent_id in descendant_ids(categories, category_id):
        raise CategoryCycle("a category cannot be placed below itself")


def _apply_category(store, category: Category, data: GroupInput) -> Category:
    category.parent_id, category.position = data.parent_id, data.position
    db.session.flush()
    save_texts(store, category, CategoryTranslation, CategoryTranslation.category_id, data.texts, GROUP_FIELDS)
    return category


def delete_category(category: Category) -> None:
    """Delete a category; its children move up to its parent, its products simply leave it."""
    db.session.execute(update(Category).where(Category.parent_id == category.id)
                       .values(parent_id=category.parent_id).execution_options(synchronize_session="fetch"))
    db.session.delete(category)
    db.session.flush()


def all_collections() -> list[Collection]:
    return list(db.session.scalars(select(Collection).options(selectinload(Collection.translations))
                                   .order_by(Collection.position, Collection.id).limit(MAX_CATEGORIES)))


def get_collection(collection_id: int) -> Collection | None:
    return db.session.scalar(select(Collection).where(Collection.id == collection_id)
                             .options(selectinload(Collection.translations)))


def save_collection(store, collection: Collection | None, data: GroupInput) -> Collection:
    """Create (collection None) or update a collection's names, slugs and position."""
    check_default_name(store, data.texts)
    check_slugs(store, CollectionTranslation, CollectionTranslation.collection_id,
                collection.id if collection else None, data.texts)
    if collection is None:
        collection = Collection(store_id=store.id)
        db.session.add(collection)
    collection.position = data.position
    db.session.flush()
    save_texts(store, collection, CollectionTranslation, CollectionTranslation.collection_id, data.texts,
               GROUP_FIELDS)
    return collection


def delete_collection(collection: Collection) -> None:
    """Delete a collection; its products stay."""
    db.session.delete(collection)
    db.session.flush()
