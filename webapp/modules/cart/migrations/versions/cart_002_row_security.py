"""cart: row-level security on its store-owned tables (PostgreSQL; nothing on SQLite)

Revision ID: cart_002
Revises: cart_001
Create Date: 2026-12-02 17:30:00

"""
from alembic import op

from webapp.framework.scoping.row_security import disable_row_security, enable_row_security

# revision identifiers, used by Alembic.
revision = 'cart_002'
down_revision = 'cart_001'
branch_labels = None
depends_on = None

TABLES = ('cart_carts',
          'cart_lines')


def upgrade():
    enable_row_security(op, *TABLES)


def downgrade():
    disable_row_security(op, *TABLES)
