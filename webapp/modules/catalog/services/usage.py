"""What the catalog counts against a store's plan (contracts `usage.products`, `usage.storage_mb`).

Products: every product the merchant keeps, whatever its status — drafts and archived ones too,
since archiving is how a merchant keeps a product without selling it; only deleting frees a place.
Storage: the bytes of the store's uploaded images (source, thumbnail, renditions), rounded up to MB.
"""

from __future__ import annotations

from sqlalchemy import func, select

from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.catalog.models import Product, ProductImage

MB = 2**20


def product_count(store_id: int) -> int:
    with store_scope(store_id):
        return db.session.scalar(select(func.count()).select_from(Product).where(Product.store_id == store_id)) or 0


def storage_bytes(store_id: int) -> int:
    with store_scope(store_id):
        return db.session.scalar(select(func.coalesce(func.sum(ProductImage.byte_size), 0))
                                 .where(ProductImage.store_id == store_id)) or 0


def storage_mb(store_id: int) -> int:
    """MB the store's images take, rounded up (1 byte is 1 MB)."""
    return -(-storage_bytes(store_id) // MB)


def mb_of(byte_count: int) -> int:
    """`byte_count` in MB, rounded up: what an upload adds to `storage_mb`."""
    return -(-byte_count // MB)
