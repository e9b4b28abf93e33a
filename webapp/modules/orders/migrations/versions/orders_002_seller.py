"""the seller's legal details kept with each order, for its invoice

Revision ID: orders_002
Revises: orders_001
Create Date: 2026-11-21 19:25:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'orders_002'
down_revision = 'orders_001'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('orders_orders', schema=None) as batch_op:
        batch_op.add_column(sa.Column('seller', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('orders_orders', schema=None) as batch_op:
        batch_op.drop_column('seller')
