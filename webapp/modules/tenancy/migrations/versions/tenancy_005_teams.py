"""tenancy: store teams get custom roles and emailed invitations

Revision ID: tenancy_005
Revises: tenancy_004
Create Date: 2026-12-03 14:30:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'tenancy_005'
down_revision = 'tenancy_004'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('tenancy_store_roles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('store_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('permissions', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['store_id'], ['tenancy_stores.id'], name=op.f('fk_tenancy_store_roles_store_id_tenancy_stores'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tenancy_store_roles')),
    sa.UniqueConstraint('store_id', 'name', name=op.f('uq_tenancy_store_roles_store_id_name'))
    )
    with op.batch_alter_table('tenancy_store_roles', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tenancy_store_roles_store_id'), ['store_id'], unique=False)

    op.create_table('tenancy_invitations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('store_id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('custom_role_id', sa.Integer(), nullable=True),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('invited_by_id', sa.Integer(), nullable=True),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('accepted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('accepted_by_id', sa.Integer(), nullable=True),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['store_id'], ['tenancy_stores.id'], name=op.f('fk_tenancy_invitations_store_id_tenancy_stores'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['custom_role_id'], ['tenancy_store_roles.id'], name=op.f('fk_tenancy_invitations_custom_role_id_tenancy_store_roles'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['invited_by_id'], ['tenancy_users.id'], name=op.f('fk_tenancy_invitations_invited_by_id_tenancy_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['accepted_by_id'], ['tenancy_users.id'], name=op.f('fk_tenancy_invitations_accepted_by_id_tenancy_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tenancy_invitations')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_tenancy_invitations_token_hash'))
    )
    with op.batch_alter_table('tenancy_invitations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tenancy_invitations_store_id'), ['store_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_tenancy_invitations_custom_role_id'), ['custom_role_id'], unique=False)

    with op.batch_alter_table('tenancy_store_memberships', schema=None) as batch_op:
        batch_op.add_column(sa.Column('custom_role_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_tenancy_store_memberships_custom_role_id'), ['custom_role_id'],
                              unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_tenancy_store_memberships_custom_role_id_tenancy_store_roles'),
                                    'tenancy_store_roles', ['custom_role_id'], ['id'], ondelete='RESTRICT')


def downgrade():
    with op.batch_alter_table('tenancy_store_memberships', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_tenancy_store_memberships_custom_role_id_tenancy_store_roles'),
                                 type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_tenancy_store_memberships_custom_role_id'))
        batch_op.drop_column('custom_role_id')

    with op.batch_alter_table('tenancy_invitations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tenancy_invitations_custom_role_id'))
        batch_op.drop_index(batch_op.f('ix_tenancy_invitations_store_id'))
    op.drop_table('tenancy_invitations')
    with op.batch_alter_table('tenancy_store_roles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tenancy_store_roles_store_id'))
    op.drop_table('tenancy_store_roles')
