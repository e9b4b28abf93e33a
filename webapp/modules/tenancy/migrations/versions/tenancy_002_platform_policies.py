"""tenancy: platforms choose their signup policy and whether staff need a second factor

Revision ID: tenancy_002
Revises: tenancy_001
Create Date: 2026-12-03 14:05:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'tenancy_002'
down_revision = 'tenancy_001'
branch_labels = None
depends_on = None


def upgrade():
    # Plain ADD COLUMN: a batch copy would drop tenancy_platforms, which other tables reference.
    op.add_column("tenancy_platforms",
                  sa.Column("signup_policy", sa.String(length=12), nullable=False, server_default="open"))
    op.add_column("tenancy_platforms",
                  sa.Column("require_two_factor", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade():
    with op.batch_alter_table("tenancy_platforms") as batch:
        batch.drop_column("require_two_factor")
        batch.drop_column("signup_policy")
