"""checkout: row-level security on its store-owned tables (PostgreSQL; nothing on SQLite)

Revision ID: checkout_002
Revises: checkout_001
Create Date: 2026-12-02 17:30:00

"""
from alembic import op

from webapp.framework.scoping.row_security import disable_row_security, enable_row_security

# revision identifiers, used by Alembic.
revision = 'checkout_002'
down_revision = 'checkout_001'
branch_labels = None
depends_on = None

TABLES = ('checkout_sessions',
          'checkout_settings',
          'checkout_shipping_methods',
          'checkout_tax_rates')


def upgrade():
    enable_row_security(op, *TABLES)


def downgrade():
    disable_row_security(op, *TABLES)
