"""catalog: renditions for images uploaded before they were made at upload

Revision ID: catalog_005
Revises: catalog_004
Create Date: 2026-12-02 18:00:00

"""
import sqlalchemy as sa
from alembic import op

from webapp.modules.catalog.services.images import add_missing_renditions

# revision identifiers, used by Alembic.
revision = 'catalog_005'
down_revision = 'catalog_004'
branch_labels = None
depends_on = None

IMAGES = sa.table('catalog_product_images', sa.column('key', sa.String), sa.column('width', sa.Integer))


def upgrade():
    # Storefront srcsets name the 320/640/960 px copies of every image; older uploads have none.
    # Files only, written idempotently: a re-run or a partial earlier run just fills the gaps.
    for key, width in op.get_bind().execute(sa.select(IMAGES.c.key, IMAGES.c.width)):
        add_missing_renditions(key, width or 0)


def downgrade():
    pass  # the copies are harmless to older code, which never names them
