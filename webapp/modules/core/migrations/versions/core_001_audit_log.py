"""core: the append-only audit log

Revision ID: core_001
Revises:
Create Date: 2026-12-03 14:10:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'core_001'
down_revision = None
branch_labels = ('core',)
depends_on = ('tenancy_001',)

# On PostgreSQL the log refuses UPDATE and DELETE for every role, the app's included.
REFUSE_CHANGES = """
CREATE FUNCTION core_audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'core_audit_entries is append-only';
END $$;
CREATE TRIGGER core_audit_entries_append_only BEFORE UPDATE OR DELETE ON core_audit_entries
    FOR EACH ROW EXECUTE FUNCTION core_audit_entries_append_only();
CREATE TRIGGER core_audit_entries_no_truncate BEFORE TRUNCATE ON core_audit_entries
    FOR EACH STATEMENT EXECUTE FUNCTION core_audit_entries_append_only();
"""


def upgrade():
    op.create_table('core_audit_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('action', sa.String(length=80), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('actor_email', sa.String(length=254), nullable=False),
    sa.Column('platform_id', sa.Integer(), nullable=True),
    sa.Column('store_id', sa.Integer(), nullable=True),
    sa.Column('target_type', sa.String(length=40), nullable=False),
    sa.Column('target_id', sa.String(length=80), nullable=False),
    sa.Column('before', sa.JSON(), nullable=True),
    sa.Column('after', sa.JSON(), nullable=True),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.Column('ip', sa.String(length=45), nullable=False),
    sa.Column('request_id', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_core_audit_entries'))
    )
    with op.batch_alter_table('core_audit_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_core_audit_entries_action'), ['action'], unique=False)
        batch_op.create_index(batch_op.f('ix_core_audit_entries_actor_id'), ['actor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_core_audit_entries_created_at'), ['created_at'], unique=False)
        batch_op.create_index('ix_core_audit_entries_platform_created', ['platform_id', 'created_at'], unique=False)
        batch_op.create_index('ix_core_audit_entries_store_created', ['store_id', 'created_at'], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        op.execute(REFUSE_CHANGES)


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS core_audit_entries_no_truncate ON core_audit_entries")
        op.execute("DROP TRIGGER IF EXISTS core_audit_entries_append_only ON core_audit_entries")
        op.execute("DROP FUNCTION IF EXISTS core_audit_entries_append_only()")
    op.drop_table('core_audit_entries')
