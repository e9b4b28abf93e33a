"""payments refunds webhooks

Revision ID: payments_001
Revises:
Create Date: 2026-11-21 15:37:31.446148

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'payments_001'
down_revision = None
branch_labels = ('payments',)
depends_on = ('tenancy_001',)


def upgrade():
    op.create_table('payments_payments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('platform_id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('gateway', sa.String(length=20), nullable=False),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('reference', sa.String(length=255), nullable=True),
    sa.Column('idempotency_key', sa.String(length=100), nullable=False),
    sa.Column('refunded_amount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('message', sa.String(length=255), nullable=False),
    sa.Column('card_last4', sa.String(length=4), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('store_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['store_id'], ['tenancy_stores.id'], name=op.f('fk_payments_payments_store_id_tenancy_stores'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payments_payments')),
    sa.UniqueConstraint('store_id', 'idempotency_key', name=op.f('uq_payments_payments_store_id_idempotency_key'))
    )
    with op.batch_alter_table('payments_payments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_payments_payments_store_id'), ['store_id'], unique=False)
        batch_op.create_index('ix_payments_payments_store_id_created_at', ['store_id', 'created_at'], unique=False)
        batch_op.create_index('ix_payments_payments_store_id_order_id', ['store_id', 'order_id'], unique=False)
        batch_op.create_index('ix_payments_payments_store_id_reference', ['store_id', 'reference'], unique=False)

    op.create_table('payments_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('enabled_gateways', sa.JSON(), nullable=False),
    sa.Column('manual_instructions', sa.Text(), nullable=False),
    sa.Column('stripe_publishable_key', sa.String(length=255), nullable=True),
    sa.Column('stripe_secret_key', sa.String(length=255), nullable=True),
    sa.Column('stripe_webhook_secret', sa.String(length=255), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('store_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['store_id'], ['tenancy_stores.id'], name=op.f('fk_payments_settings_store_id_tenancy_stores'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payments_settings')),
    sa.UniqueConstraint('store_id', name=op.f('uq_payments_settings_store_id'))
    )
    with op.batch_alter_table('payments_settings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_payments_settings_store_id'), ['store_id'], unique=False)

    op.create_table('payments_webhook_deliveries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('gateway', sa.String(length=20), nullable=False),
    sa.Column('event_id', sa.String(length=255), nullable=False),
    sa.Column('store_id', sa.Integer(), nullable=True),
    sa.Column('result', sa.String(length=20), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['store_id'], ['tenancy_stores.id'], name=op.f('fk_payments_webhook_deliveries_store_id_tenancy_stores'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payments_webhook_deliveries')),
    sa.UniqueConstraint('gateway', 'event_id', name=op.f('uq_payments_webhook_deliveries_gateway_event_id'))
    )
    with op.batch_alter_table('payments_webhook_deliveries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_payments_webhook_deliveries_store_id'), ['store_id'], unique=False)

    op.create_table('payments_refunds',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('payment_id', sa.Integer(), nullable=False),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('reference', sa.String(length=255), nullable=True),
    sa.Column('message', sa.String(length=255), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('store_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['payment_id'], ['payments_payments.id'], name=op.f('fk_payments_refunds_payment_id_payments_payments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['store_id'], ['tenancy_stores.id'], name=op.f('fk_payments_refunds_store_id_tenancy_stores'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payments_refunds'))
    )
    with op.batch_alter_table('payments_refunds', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_payments_refunds_payment_id'), ['payment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_payments_refunds_store_id'), ['store_id'], unique=False)



def downgrade():
    with op.batch_alter_table('payments_refunds', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_payments_refunds_store_id'))
        batch_op.drop_index(batch_op.f('ix_payments_refunds_payment_id'))

    op.drop_table('payments_refunds')
    with op.batch_alter_table('payments_webhook_deliveries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_payments_webhook_deliveries_store_id'))

    op.drop_table('payments_webhook_deliveries')
    with op.batch_alter_table('payments_settings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_payments_settings_store_id'))

    op.drop_table('payments_settings')
    with op.batch_alter_table('payments_payments', schema=None) as batch_op:
        batch_op.drop_index('ix_payments_payments_store_id_reference')
        batch_op.drop_index('ix_payments_payments_store_id_order_id')
        batch_op.drop_index('ix_payments_payments_store_id_created_at')
        batch_op.drop_index(batch_op.f('ix_payments_payments_store_id'))

    op.drop_table('payments_payments')
