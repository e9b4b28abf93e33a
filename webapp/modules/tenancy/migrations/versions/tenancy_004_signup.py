"""tenancy: users verify their email address; owners may hide the onboarding checklist

Revision ID: tenancy_004
Revises: tenancy_003
Create Date: 2026-12-03 14:30:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'tenancy_004'
down_revision = 'tenancy_003'
branch_labels = None
depends_on = None


def upgrade():
    # Plain ADD COLUMN: a batch copy would drop tables that others reference.
    op.add_column("tenancy_users", sa.Column("email_verified_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("tenancy_stores", sa.Column("onboarding_hidden_at", sa.DateTime(timezone=True), nullable=True))
    # Everyone who exists already was created by staff or the CLI: their address counts as verified.
    op.execute("UPDATE tenancy_users SET email_verified_at = created_at")


def downgrade():
    with op.batch_alter_table("tenancy_stores") as batch:
        batch.drop_column("onboarding_hidden_at")
    with op.batch_alter_table("tenancy_users") as batch:
        batch.drop_column("email_verified_at")
