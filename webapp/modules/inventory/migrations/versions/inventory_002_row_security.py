"""inventory: row-level security on its store-owned tables (PostgreSQL; nothing on SQLite)

Revision ID: inventory_002
Revises: inventory_001
Create Date: 2026-12-02 17:30:00

"""
from alembic import op

from webapp.framework.scoping.row_security import disable_row_security, enable_row_security

# revision identifiers, used by Alembic.
revision = 'inventory_002'
down_revision = 'inventory_001'
branch_labels = None
depends_on = None

TABLES = ('inventory_items',
          'inventory_locations',
          'inventory_movements',
          'inventory_reservations',
          'inventory_stock_levels')


def upgrade():
    enable_row_security(op, *TABLES)


def downgrade():
    disable_row_security(op, *TABLES)
