"""outbox

Revision ID: messaging_001
Revises:
Create Date: 2026-11-21 15:28:45.627545

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'messaging_001'
down_revision = None
branch_labels = ('messaging',)
depends_on = ('tenancy_001',)


def upgrade():
    op.create_table('messaging_outbox',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('store_id', sa.Integer(), nullable=True),
    sa.Column('platform_id', sa.Integer(), nullable=True),
    sa.Column('to_address', sa.String(length=254), nullable=False),
    sa.Column('subject', sa.String(length=255), nullable=False),
    sa.Column('body_text', sa.Text(), nullable=False),
    sa.Column('body_html', sa.Text(), nullable=True),
    sa.Column('template', sa.String(length=120), nullable=False),
    sa.Column('locale', sa.String(length=8), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.String(length=500), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['platform_id'], ['tenancy_platforms.id'], name=op.f('fk_messaging_outbox_platform_id_tenancy_platforms'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['store_id'], ['tenancy_stores.id'], name=op.f('fk_messaging_outbox_store_id_tenancy_stores'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_messaging_outbox'))
    )
    with op.batch_alter_table('messaging_outbox', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_messaging_outbox_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_messaging_outbox_platform_id'), ['platform_id'], unique=False)
        batch_op.create_index('ix_messaging_outbox_store_id_created_at', ['store_id', 'created_at'], unique=False)


def downgrade():
    with op.batch_alter_table('messaging_outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_messaging_outbox_store_id_created_at')
        batch_op.drop_index(batch_op.f('ix_messaging_outbox_platform_id'))
        batch_op.drop_index(batch_op.f('ix_messaging_outbox_created_at'))

    op.drop_table('messaging_outbox')
