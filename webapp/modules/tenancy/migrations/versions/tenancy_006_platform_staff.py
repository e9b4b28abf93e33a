"""tenancy: platform staff are scoped to a set of platforms (tenancy_platform_staff) instead of one

Revision ID: tenancy_006
Revises: tenancy_005
Create Date: 2026-12-03 14:20:00

"""
import sqlalchemy as sa
from alembic import op

from webapp.extensions import NAMING_CONVENTION

# revision identifiers, used by Alembic.
revision = 'tenancy_006'
down_revision = 'tenancy_005'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'tenancy_platform_staff',
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('platform_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['platform_id'], ['tenancy_platforms.id'],
                                name=op.f('fk_tenancy_platform_staff_platform_id_tenancy_platforms'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['tenancy_users.id'],
                                name=op.f('fk_tenancy_platform_staff_user_id_tenancy_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('user_id', 'platform_id', name=op.f('pk_tenancy_platform_staff')),
    )
    op.create_index(op.f('ix_tenancy_platform_staff_platform_id'), 'tenancy_platform_staff', ['platform_id'])
    op.execute("INSERT INTO tenancy_platform_staff (user_id, platform_id) "
               "SELECT id, platform_id FROM tenancy_users WHERE platform_id IS NOT NULL")
    # The naming convention lets SQLite's batch mode find the foreign key it must drop by name.
    with op.batch_alter_table('tenancy_users', naming_convention=NAMING_CONVENTION) as batch:
        batch.drop_constraint('fk_tenancy_users_platform_id_tenancy_platforms', type_='foreignkey')
        batch.drop_column('platform_id')


def downgrade():
    with op.batch_alter_table('tenancy_users', naming_convention=NAMING_CONVENTION) as batch:
        batch.add_column(sa.Column('platform_id', sa.Integer(), nullable=True))
        batch.create_foreign_key('fk_tenancy_users_platform_id_tenancy_platforms', 'tenancy_platforms',
                                 ['platform_id'], ['id'], ondelete='SET NULL')
    # One platform per user again: the first of each user's platforms.
    op.execute("UPDATE tenancy_users SET platform_id = (SELECT MIN(platform_id) FROM tenancy_platform_staff "
               "WHERE tenancy_platform_staff.user_id = tenancy_users.id)")
    op.drop_index(op.f('ix_tenancy_platform_staff_platform_id'), table_name='tenancy_platform_staff')
    op.drop_table('tenancy_platform_staff')
