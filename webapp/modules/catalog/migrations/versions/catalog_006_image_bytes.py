"""catalog: bytes stored per product image, for the plan's storage limit

Revision ID: catalog_006
Revises: catalog_005
Create Date: 2026-12-06 22:10:00

Images uploaded before get the size of their stored files (missing files count 0).
"""
import sqlalchemy as sa
from alembic import op

from webapp.framework.storage import storage
from webapp.modules.catalog.services.renditions import rendition_keys

# revision identifiers, used by Alembic.
revision = 'catalog_006'
down_revision = 'catalog_005'
branch_labels = None
depends_on = None

IMAGES = sa.table('catalog_product_images', sa.column('id', sa.Integer), sa.column('key', sa.String),
                  sa.column('thumb_key', sa.String), sa.column('width', sa.Integer),
                  sa.column('byte_size', sa.Integer))


def _size(files, key: str) -> int:
    try:
        return len(files.read(key))
    except OSError:
        return 0


def upgrade():
    with op.batch_alter_table('catalog_product_images', schema=None) as batch_op:
        batch_op.add_column(sa.Column('byte_size', sa.Integer(), nullable=False, server_default='0'))
    bind = op.get_bind()
    rows = bind.execute(sa.select(IMAGES.c.id, IMAGES.c.key, IMAGES.c.thumb_key, IMAGES.c.width)).all()
    if not rows:
        return
    files = storage()
    for image_id, key, thumb_key, width in rows:
        size = sum(_size(files, k) for k in (key, thumb_key, *rendition_keys(key, width or 0)))
        bind.execute(IMAGES.update().where(IMAGES.c.id == image_id).values(byte_size=size))


def downgrade():
    with op.batch_alter_table('catalog_product_images', schema=None) as batch_op:
        batch_op.drop_column('byte_size')
