"""Products with their variants, images and per-language texts; categories and collections."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.extensions import db
from webapp.framework.caching import StorefrontContent
from webapp.framework.scoping import StoreScoped

PRODUCT_STATUSES = ("draft", "active", "archived")
FTS_CONFIG = "'simple'::regconfig"
Money = Numeric(12, 2)


def utcnow() -> datetime:
    return datetime.now(UTC)


product_categories = Table(
    "catalog_product_categories", db.metadata,
    Column("product_id", ForeignKey("catalog_products.id", ondelete="CASCADE"), primary_key=True),
    Column("category_id", ForeignKey("catalog_categories.id", ondelete="CASCADE"), primary_key=True),
    # Category listings look products up by category.
    Index("ix_catalog_product_categories_category_id_product_id", "category_id", "product_id"),
)

collection_products = Table(
    "catalog_collection_products", db.metadata,
    Column("collection_id", ForeignKey("catalog_collections.id", ondelete="CASCADE"), primary_key=True),
    Column("product_id", ForeignKey("catalog_products.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_catalog_collection_products_product_id", "product_id"),
)


class Product(StoreScoped, StorefrontContent, db.Model):
    __tablename__ = "catalog_products"
    __table_args__ = (
        CheckConstraint("status IN ('draft', 'active', 'archived')", name="status_known"),
        Index("ix_catalog_products_store_id_status_min_price", "store_id", "status", "min_price", "id"),
        Index("ix_catalog_products_store_id_status_created_at", "store_id", "status", "created_at", "id"),
        Index("ix_catalog_products_store_id_status_featured", "store_id", "status", "featured"),
        # GIN on PostgreSQL (full-text search); on SQLite the column stays empty and LIKE is used.
        Index("ix_catalog_products_search_vector", "search_vector", postgresql_using="gin"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[str] = mapped_column(String(10), default="draft")
    featured: Mapped[bool] = mapped_column(Boolean, default=False)
    # Names of the variant options in display order, e.g. ["size", "colour"].
    option_names: Mapped[list] = mapped_column(JSON, default=list)
    # Lowest variant price, kept in step by the services so listings sort and filter on one column.
    min_price: Mapped[Decimal | None] = mapped_column(Money)
    # Lower-cased names, SKUs and texts of every language: full-text search on PostgreSQL, LIKE on SQLite.
    search_text: Mapped[str] = mapped_column(Text, default="")
    # to_tsvector('simple', search_text) on PostgreSQL, kept in step by a trigger; NULL elsewhere.
    search_vector: Mapped[str | None] = mapped_column(Text().with_variant(TSVECTOR(), "postgresql"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    translations: Mapped[list[ProductTranslation]] = relationship(
        back_populates="product", cascade="all, delete-orphan", passive_deletes=True)
    variants: Mapped[list[Variant]] = relationship(
        back_populates="product", cascade="all, delete-orphan", passive_deletes=True,
        order_by="(Variant.position, Variant.id)")
    images: Mapped[list[ProductImage]] = relationship(
        back_populates="product", cascade="all, delete-orphan", passive_deletes=True,
        order_by="(ProductImage.position, ProductImage.id)")
    categories: Mapped[list[Category]] = relationship(secondary=product_categories, passive_deletes=True)
    collections: Mapped[list[Collection]] = relationship(secondary=collection_products, passive_deletes=True,
                                                         back_populates="products")


class ProductTranslation(StoreScoped, StorefrontContent, db.Model):
    """Texts of a product in one language; empty fields fall back to the store's default language."""

    __tablename__ = "catalog_product_translations"
    __table_args__ = (
        UniqueConstraint("store_id", "language", "slug"),
        UniqueConstraint("store_id", "product_id", "language"),
        Index("ix_catalog_product_translations_store_id_language_name", "store_id", "language", "name"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("catalog_products.id", ondelete="CASCADE"), index=True)
    language: Mapped[str] = mapped_column(String(8))
    name: Mapped[str] = mapped_column(String(200), default="")
    slug: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")  # sanitized HTML
    seo_title: Mapped[str] = mapped_column(String(200), default="")
    seo_description: Mapped[str] = mapped_column(String(320), default="")

    product: Mapped[Product] = relationship(back_populates="translations")


class Variant(StoreScoped, StorefrontContent, db.Model):
    __tablename__ = "catalog_variants"
    __table_args__ = (
        UniqueConstraint("store_id", "sku"),
        # Loading a page's variants filters on both; without it SQLite picks the store_id index.
        Index("ix_catalog_variants_store_id_product_id", "store_id", "product_id"),
        CheckConstraint("price > 0", name="price_positive"),
        CheckConstraint("compare_at_price IS NULL OR compare_at_price > price", name="compare_at_above_price"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("catalog_products.id", ondelete="CASCADE"), index=True)
    sku: Mapped[str] = mapped_column(String(64))
    options: Mapped[dict] = mapped_column(JSON, default=dict)
    price: Mapped[Decimal] = mapped_column(Money)
    compare_at_price: Mapped[Decimal | None] = mapped_column(Money)
    position: Mapped[int] = mapped_column(Integer, default=0)
    inventory_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("inventory_items.id", ondelete="SET NULL"), index=True)

    product: Mapped[Product] = relationship(back_populates="variants")
    option_values: Mapped[list[VariantOption]] = relationship(cascade="all, delete-orphan", passive_deletes=True)


class VariantOption(StoreScoped, StorefrontContent, db.Model):
    """One option value of a variant as a row, so storefront filters use an index (JSON would not)."""

    __tablename__ = "catalog_variant_options"
    __table_args__ = (
        UniqueConstraint("store_id", "variant_id", "name"),
        Index("ix_catalog_variant_options_store_id_name_value", "store_id", "name", "value", "variant_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    variant_id: Mapped[int] = mapped_column(ForeignKey("catalog_variants.id", ondelete="CASCADE"))
    product_id: Mapped[int] = mapped_column(ForeignKey("catalog_products.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(40))
    value: Mapped[str] = mapped_column(String(80))


class ProductImage(StoreScoped, StorefrontContent, db.Model):
    __tablename__ = "catalog_product_images"
    __table_args__ = (
        Index("ix_catalog_product_images_product_id_position", "product_id", "position"),
        Index("ix_catalog_product_images_store_id_product_id_position", "store_id", "product_id", "position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("catalog_products.id", ondelete="CASCADE"))
    variant_id: Mapped[int | None] = mapped_column(ForeignKey("catalog_variants.id", ondelete="SET NULL"),
                                                   index=True)
    key: Mapped[str] = mapped_column(String(255))
    thumb_key: Mapped[str] = mapped_column(String(255))
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer, default=0)
    alt: Mapped[str] = mapped_column(String(200), default="")
    # Bytes stored for this image (source, thumbnail, renditions): the plan's storage counts them.
    byte_size: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    product: Mapped[Product] = relationship(back_populates="images")


class Category(StoreScoped, StorefrontContent, db.Model):
    __tablename__ = "catalog_categories"
    __table_args__ = (Index("ix_catalog_categories_store_id_parent_id_position", "store_id", "parent_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Deleting a category moves its children up (the service does it; SET NULL is the safety net).
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("catalog_categories.id", ondelete="SET NULL"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    translations: Mapped[list[CategoryTranslation]] = relationship(
        back_populates="category", cascade="all, delete-orphan", passive_deletes=True)


class CategoryTranslation(StoreScoped, StorefrontContent, db.Model):
    __tablename__ = "catalog_category_translations"
    __table_args__ = (
        UniqueConstraint("store_id", "language", "slug"),
        UniqueConstraint("store_id", "category_id", "language"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("catalog_categories.id", ondelete="CASCADE"), index=True)
    language: Mapped[str] = mapped_column(String(8))
    name: Mapped[str] = mapped_column(String(120), default="")
    slug: Mapped[str] = mapped_column(String(140))

    category: Mapped[Category] = relationship(back_populates="translations")


class Collection(StoreScoped, StorefrontContent, db.Model):
    __tablename__ = "catalog_collections"
    __table_args__ = (Index("ix_catalog_collections_store_id_position", "store_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    translations: Mapped[list[CollectionTranslation]] = relationship(
        back_populates="collection", cascade="all, delete-orphan", passive_deletes=True)
    products: Mapped[list[Product]] = relationship(secondary=collection_products, passive_deletes=True,
                                                   back_populates="collections")


class CollectionTranslation(StoreScoped, StorefrontContent, db.Model):
    __tablename__ = "catalog_collection_translations"
    __table_args__ = (
        UniqueConstraint("store_id", "language", "slug"),
        UniqueConstraint("store_id", "collection_id", "language"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    collection_id: Mapped[int] = mapped_column(ForeignKey("catalog_collections.id", ondelete="CASCADE"),
                                               index=True)
    language: Mapped[str] = mapped_column(String(8))
    name: Mapped[str] = mapped_column(String(120), default="")
    slug: Mapped[str] = mapped_column(String(140))

    collection: Mapped[Collection] = relationship(back_populates="translations")


class OptionTranslation(StoreScoped, StorefrontContent, db.Model):
    """An option name (`value` empty) or an option value in one language, for the whole store.

    Variants keep the canonical words (the default language's), so storefront filters match the
    same rows whatever the shopper's language; only what is shown is translated.
    """

    __tablename__ = "catalog_option_translations"
    __table_args__ = (UniqueConstraint("store_id", "language", "name", "value"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    language: Mapped[str] = mapped_column(String(8))
    name: Mapped[str] = mapped_column(String(40))
    value: Mapped[str] = mapped_column(String(80), default="")
    label: Mapped[str] = mapped_column(String(80))
