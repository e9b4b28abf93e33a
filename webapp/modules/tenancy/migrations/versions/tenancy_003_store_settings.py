"""tenancy: store settings (contact, address, time zone) and custom domain verification

Revision ID: tenancy_003
Revises: tenancy_002
Create Date: 2026-12-03 14:20:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'tenancy_003'
down_revision = 'tenancy_002'
branch_labels = None
depends_on = None


def upgrade():
    # Plain ADD COLUMN: a batch copy would drop tenancy_stores, which other tables reference.
    op.add_column("tenancy_stores", sa.Column("contact_email", sa.String(length=254), nullable=False,
                                              server_default=""))
    op.add_column("tenancy_stores", sa.Column("phone", sa.String(length=40), nullable=False, server_default=""))
    op.add_column("tenancy_stores", sa.Column("street", sa.String(length=200), nullable=False, server_default=""))
    op.add_column("tenancy_stores", sa.Column("postal_code", sa.String(length=20), nullable=False,
                                              server_default=""))
    op.add_column("tenancy_stores", sa.Column("city", sa.String(length=100), nullable=False, server_default=""))
    op.add_column("tenancy_stores", sa.Column("timezone", sa.String(length=64), nullable=False,
                                              server_default="Europe/Luxembourg"))
    op.add_column("tenancy_store_domains", sa.Column("verification_token", sa.String(length=64), nullable=False,
                                                     server_default=""))
    op.add_column("tenancy_store_domains", sa.Column("verified_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("tenancy_store_domains", sa.Column("is_primary", sa.Boolean(), nullable=False,
                                                     server_default=sa.false()))


def downgrade():
    for name in ("is_primary", "verified_at", "verification_token"):
        op.drop_column("tenancy_store_domains", name)
    for name in ("timezone", "city", "postal_code", "street", "phone", "contact_email"):
        op.drop_column("tenancy_stores", name)
