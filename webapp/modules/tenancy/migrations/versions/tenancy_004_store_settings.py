"""tenancy: store settings (contact, address, time zone) and custom domain verification

Revision ID: tenancy_004
Revises: tenancy_002
Create Date: 2026-12-03 14:20:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'tenancy_004'
down_revision = 'tenancy_002'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("tenancy_stores") as batch:
        batch.add_column(sa.Column("contact_email", sa.String(length=254), nullable=False, server_default=""))
        batch.add_column(sa.Column("phone", sa.String(length=40), nullable=False, server_default=""))
        batch.add_column(sa.Column("street", sa.String(length=200), nullable=False, server_default=""))
        batch.add_column(sa.Column("postal_code", sa.String(length=20), nullable=False, server_default=""))
        batch.add_column(sa.Column("city", sa.String(length=100), nullable=False, server_default=""))
        batch.add_column(sa.Column("timezone", sa.String(length=64), nullable=False,
                                   server_default="Europe/Luxembourg"))
    with op.batch_alter_table("tenancy_store_domains") as batch:
        batch.add_column(sa.Column("verification_token", sa.String(length=64), nullable=False, server_default=""))
        batch.add_column(sa.Column("verified_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("is_primary", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade():
    with op.batch_alter_table("tenancy_store_domains") as batch:
        batch.drop_column("is_primary")
        batch.drop_column("verified_at")
        batch.drop_column("verification_token")
    with op.batch_alter_table("tenancy_stores") as batch:
        for name in ("timezone", "city", "postal_code", "street", "phone", "contact_email"):
            batch.drop_column(name)
