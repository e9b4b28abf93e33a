"""billing: tiers, subscriptions, platform invoices, payment attempts, the test clock

Revision ID: billing_001
Revises:
Create Date: 2026-12-06 21:38:26.041132

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = 'billing_001'
down_revision = None
branch_labels = ('billing',)
depends_on = ('tenancy_007',)


def upgrade():
    op.create_table('billing_clock',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('offset_seconds', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_billing_clock'))
    )
    op.create_table('billing_invoice_counters',
    sa.Column('platform_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('last_number', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['platform_id'], ['tenancy_platforms.id'], name=op.f('fk_billing_invoice_counters_platform_id_tenancy_platforms'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('platform_id', 'year', name=op.f('pk_billing_invoice_counters'))
    )
    op.create_table('billing_settings',
    sa.Column('platform_id', sa.Integer(), nullable=False),
    sa.Column('legal_name', sa.String(length=200), nullable=False),
    sa.Column('vat_number', sa.String(length=32), nullable=False),
    sa.Column('street', sa.String(length=200), nullable=False),
    sa.Column('postal_code', sa.String(length=20), nullable=False),
    sa.Column('city', sa.String(length=100), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('vat_rate', sa.Numeric(precision=5, scale=2), nullable=False),
    sa.Column('retry_days', sa.JSON(), nullable=False),
    sa.Column('payment_terms_days', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['platform_id'], ['tenancy_platforms.id'], name=op.f('fk_billing_settings_platform_id_tenancy_platforms'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('platform_id', name=op.f('pk_billing_settings'))
    )
    op.create_table('billing_tiers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('platform_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('description', sa.String(length=300), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('monthly_price_cents', sa.Integer(), nullable=False),
    sa.Column('yearly_price_cents', sa.Integer(), nullable=False),
    sa.Column('trial_days', sa.Integer(), nullable=False),
    sa.Column('limits', sa.JSON(), nullable=False),
    sa.Column('features', sa.JSON(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['platform_id'], ['tenancy_platforms.id'], name=op.f('fk_billing_tiers_platform_id_tenancy_platforms'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_billing_tiers')),
    sa.UniqueConstraint('platform_id', 'code', name=op.f('uq_billing_tiers_platform_id_code'))
    )
    with op.batch_alter_table('billing_tiers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_billing_tiers_platform_id'), ['platform_id'], unique=False)

    op.create_table('billing_subscriptions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('merchant_id', sa.Integer(), nullable=False),
    sa.Column('platform_id', sa.Integer(), nullable=False),
    sa.Column('tier_id', sa.Integer(), nullable=False),
    sa.Column('interval', sa.String(length=5), nullable=False),
    sa.Column('state', sa.String(length=12), nullable=False),
    sa.Column('trial_ends_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('current_period_start', sa.DateTime(timezone=True), nullable=False),
    sa.Column('current_period_end', sa.DateTime(timezone=True), nullable=False),
    sa.Column('scheduled_tier_id', sa.Integer(), nullable=True),
    sa.Column('cancel_at_period_end', sa.Boolean(), nullable=False),
    sa.Column('cancel_reason', sa.String(length=500), nullable=False),
    sa.Column('cancelled_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('payment_method_ref', sa.String(length=120), nullable=True),
    sa.Column('payment_method_label', sa.String(length=60), nullable=False),
    sa.Column('past_due_since', sa.DateTime(timezone=True), nullable=True),
    sa.Column('failed_attempts', sa.Integer(), nullable=False),
    sa.Column('next_retry_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('paused_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['merchant_id'], ['tenancy_merchants.id'], name=op.f('fk_billing_subscriptions_merchant_id_tenancy_merchants'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['platform_id'], ['tenancy_platforms.id'], name=op.f('fk_billing_subscriptions_platform_id_tenancy_platforms'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['scheduled_tier_id'], ['billing_tiers.id'], name=op.f('fk_billing_subscriptions_scheduled_tier_id_billing_tiers')),
    sa.ForeignKeyConstraint(['tier_id'], ['billing_tiers.id'], name=op.f('fk_billing_subscriptions_tier_id_billing_tiers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_billing_subscriptions')),
    sa.UniqueConstraint('merchant_id', 'platform_id', name=op.f('uq_billing_subscriptions_merchant_id_platform_id'))
    )
    with op.batch_alter_table('billing_subscriptions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_billing_subscriptions_next_retry_at'), ['next_retry_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_billing_subscriptions_platform_id'), ['platform_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_billing_subscriptions_state'), ['state'], unique=False)
        batch_op.create_index(batch_op.f('ix_billing_subscriptions_tier_id'), ['tier_id'], unique=False)

    op.create_table('billing_invoices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('platform_id', sa.Integer(), nullable=False),
    sa.Column('merchant_id', sa.Integer(), nullable=False),
    sa.Column('subscription_id', sa.Integer(), nullable=True),
    sa.Column('idempotency_key', sa.String(length=120), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('credited_invoice_id', sa.Integer(), nullable=True),
    sa.Column('number', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=14), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=True),
    sa.Column('period_end', sa.Date(), nullable=True),
    sa.Column('issued_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('due_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('paid_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('subtotal_cents', sa.Integer(), nullable=False),
    sa.Column('vat_rate', sa.Numeric(precision=5, scale=2), nullable=False),
    sa.Column('vat_cents', sa.Integer(), nullable=False),
    sa.Column('total_cents', sa.Integer(), nullable=False),
    sa.Column('vat_treatment', sa.String(length=16), nullable=False),
    sa.Column('vies_valid', sa.Boolean(), nullable=True),
    sa.Column('vies_checked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('vies_reference', sa.String(length=80), nullable=False),
    sa.Column('seller', sa.JSON(), nullable=False),
    sa.Column('buyer', sa.JSON(), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.ForeignKeyConstraint(['credited_invoice_id'], ['billing_invoices.id'], name=op.f('fk_billing_invoices_credited_invoice_id_billing_invoices')),
    sa.ForeignKeyConstraint(['merchant_id'], ['tenancy_merchants.id'], name=op.f('fk_billing_invoices_merchant_id_tenancy_merchants'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['platform_id'], ['tenancy_platforms.id'], name=op.f('fk_billing_invoices_platform_id_tenancy_platforms'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['subscription_id'], ['billing_subscriptions.id'], name=op.f('fk_billing_invoices_subscription_id_billing_subscriptions'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_billing_invoices')),
    sa.UniqueConstraint('idempotency_key', name=op.f('uq_billing_invoices_idempotency_key')),
    sa.UniqueConstraint('platform_id', 'number', name=op.f('uq_billing_invoices_platform_id_number'))
    )
    with op.batch_alter_table('billing_invoices', schema=None) as batch_op:
        batch_op.create_index('ix_billing_invoices_merchant_id_issued_at', ['merchant_id', 'issued_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_billing_invoices_platform_id'), ['platform_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_billing_invoices_status'), ['status'], unique=False)

    op.create_table('billing_invoice_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('invoice_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('description', sa.String(length=300), nullable=False),
    sa.Column('tier_id', sa.Integer(), nullable=True),
    sa.Column('unit_price_cents', sa.Integer(), nullable=False),
    sa.Column('days', sa.Integer(), nullable=True),
    sa.Column('period_days', sa.Integer(), nullable=True),
    sa.Column('amount_cents', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['invoice_id'], ['billing_invoices.id'], name=op.f('fk_billing_invoice_lines_invoice_id_billing_invoices'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tier_id'], ['billing_tiers.id'], name=op.f('fk_billing_invoice_lines_tier_id_billing_tiers'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_billing_invoice_lines'))
    )
    with op.batch_alter_table('billing_invoice_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_billing_invoice_lines_invoice_id'), ['invoice_id'], unique=False)

    op.create_table('billing_payment_attempts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('invoice_id', sa.Integer(), nullable=False),
    sa.Column('attempted_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('outcome', sa.String(length=16), nullable=False),
    sa.Column('gateway_reference', sa.String(length=120), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['invoice_id'], ['billing_invoices.id'], name=op.f('fk_billing_payment_attempts_invoice_id_billing_invoices'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_billing_payment_attempts'))
    )
    with op.batch_alter_table('billing_payment_attempts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_billing_payment_attempts_invoice_id'), ['invoice_id'], unique=False)



def downgrade():
    with op.batch_alter_table('billing_payment_attempts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_billing_payment_attempts_invoice_id'))

    op.drop_table('billing_payment_attempts')
    with op.batch_alter_table('billing_invoice_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_billing_invoice_lines_invoice_id'))

    op.drop_table('billing_invoice_lines')
    with op.batch_alter_table('billing_invoices', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_billing_invoices_status'))
        batch_op.drop_index(batch_op.f('ix_billing_invoices_platform_id'))
        batch_op.drop_index('ix_billing_invoices_merchant_id_issued_at')

    op.drop_table('billing_invoices')
    with op.batch_alter_table('billing_subscriptions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_billing_subscriptions_tier_id'))
        batch_op.drop_index(batch_op.f('ix_billing_subscriptions_state'))
        batch_op.drop_index(batch_op.f('ix_billing_subscriptions_platform_id'))
        batch_op.drop_index(batch_op.f('ix_billing_subscriptions_next_retry_at'))

    op.drop_table('billing_subscriptions')
    with op.batch_alter_table('billing_tiers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_billing_tiers_platform_id'))

    op.drop_table('billing_tiers')
    op.drop_table('billing_settings')
    op.drop_table('billing_invoice_counters')
    op.drop_table('billing_clock')
