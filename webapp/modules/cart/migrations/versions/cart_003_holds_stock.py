"""cart: carts say whether checkout holds stock for them

Revision ID: cart_003
Revises: cart_002
Create Date: 2026-12-03 10:30:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'cart_003'
down_revision = 'cart_002'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("cart_carts") as batch:
        batch.add_column(sa.Column("holds_stock", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade():
    with op.batch_alter_table("cart_carts") as batch:
        batch.drop_column("holds_stock")
