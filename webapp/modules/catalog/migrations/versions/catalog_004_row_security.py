"""catalog: row-level security on its store-owned tables (PostgreSQL; nothing on SQLite)

Revision ID: catalog_004
Revises: catalog_003
Create Date: 2026-12-02 17:30:00

"""
from alembic import op

from webapp.framework.scoping.row_security import disable_row_security, enable_row_security

# revision identifiers, used by Alembic.
revision = 'catalog_004'
down_revision = 'catalog_003'
branch_labels = None
depends_on = None

TABLES = ('catalog_categories',
          'catalog_category_translations',
          'catalog_collection_translations',
          'catalog_collections',
          'catalog_option_translations',
          'catalog_product_images',
          'catalog_product_translations',
          'catalog_products',
          'catalog_variant_options',
          'catalog_variants')


def upgrade():
    enable_row_security(op, *TABLES)


def downgrade():
    disable_row_security(op, *TABLES)
