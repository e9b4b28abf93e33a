"""payments: row-level security on its store-owned tables (PostgreSQL; nothing on SQLite)

Revision ID: payments_002
Revises: payments_001
Create Date: 2026-12-02 17:30:00

"""
from alembic import op

from webapp.framework.scoping.row_security import disable_row_security, enable_row_security

# revision identifiers, used by Alembic.
revision = 'payments_002'
down_revision = 'payments_001'
branch_labels = None
depends_on = None

TABLES = ('payments_payments',
          'payments_refunds',
          'payments_settings')


def upgrade():
    enable_row_security(op, *TABLES)


def downgrade():
    disable_row_security(op, *TABLES)
