"""orders: flag of an order accepted beyond the store's plan (orders per month)

Revision ID: orders_005
Revises: orders_004
Create Date: 2026-12-06 22:20:00

A column added in place (no table rebuild on SQLite: see orders_003); existing orders are not flagged.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'orders_005'
down_revision = 'orders_004'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('orders_orders', sa.Column('over_plan_limit', sa.Boolean(), nullable=False,
                                             server_default=sa.false()))


def downgrade():
    with op.batch_alter_table('orders_orders', schema=None) as batch_op:
        batch_op.drop_column('over_plan_limit')
