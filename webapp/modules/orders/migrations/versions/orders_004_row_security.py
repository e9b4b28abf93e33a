"""orders: row-level security on its store-owned tables (PostgreSQL; nothing on SQLite)

Revision ID: orders_004
Revises: orders_003
Create Date: 2026-12-02 17:30:00

"""
from alembic import op

from webapp.framework.scoping.row_security import disable_row_security, enable_row_security

# revision identifiers, used by Alembic.
revision = 'orders_004'
down_revision = 'orders_003'
branch_labels = None
depends_on = None

TABLES = ('orders_activities',
          'orders_fulfilment_lines',
          'orders_fulfilments',
          'orders_lines',
          'orders_orders')


def upgrade():
    enable_row_security(op, *TABLES)


def downgrade():
    disable_row_security(op, *TABLES)
