"""store and product indexes for loading a page's variants and images

Revision ID: catalog_002
Revises: catalog_001
Create Date: 2026-11-21 19:05:00

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = 'catalog_002'
down_revision = 'catalog_001'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('catalog_variants', schema=None) as batch_op:
        batch_op.create_index('ix_catalog_variants_store_id_product_id', ['store_id', 'product_id'], unique=False)
    with op.batch_alter_table('catalog_product_images', schema=None) as batch_op:
        batch_op.create_index('ix_catalog_product_images_store_id_product_id_position',
                              ['store_id', 'product_id', 'position'], unique=False)


def downgrade():
    with op.batch_alter_table('catalog_product_images', schema=None) as batch_op:
        batch_op.drop_index('ix_catalog_product_images_store_id_product_id_position')
    with op.batch_alter_table('catalog_variants', schema=None) as batch_op:
        batch_op.drop_index('ix_catalog_variants_store_id_product_id')
