"""tenancy: staff accounts get a TOTP second factor and one-time recovery codes

Revision ID: tenancy_007
Revises: tenancy_006
Create Date: 2026-12-03 14:30:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'tenancy_007'
down_revision = 'tenancy_006'
branch_labels = None
depends_on = None


def upgrade():
    # Plain ADD COLUMN: a batch copy would drop tenancy_users, which other tables reference.
    op.add_column("tenancy_users", sa.Column("two_factor_secret", sa.String(length=255), nullable=True))
    op.add_column("tenancy_users", sa.Column("two_factor_enabled_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("tenancy_users", sa.Column("two_factor_last_step", sa.BigInteger(), nullable=True))
    op.create_table(
        "tenancy_recovery_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(length=255), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["tenancy_users.id"],
                                name=op.f("fk_tenancy_recovery_codes_user_id_tenancy_users"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tenancy_recovery_codes")),
    )
    op.create_index(op.f("ix_tenancy_recovery_codes_user_id"), "tenancy_recovery_codes", ["user_id"], unique=False)


def downgrade():
    op.drop_index(op.f("ix_tenancy_recovery_codes_user_id"), table_name="tenancy_recovery_codes")
    op.drop_table("tenancy_recovery_codes")
    with op.batch_alter_table("tenancy_users") as batch:
        batch.drop_column("two_factor_last_step")
        batch.drop_column("two_factor_enabled_at")
        batch.drop_column("two_factor_secret")
