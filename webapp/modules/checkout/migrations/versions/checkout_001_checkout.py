"""checkout: settings, tax rates, shipping methods, checkout sessions

Revision ID: checkout_001
Revises:
Create Date: 2026-11-21 15:36:39.499298

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'checkout_001'
down_revision = None
branch_labels = ('checkout',)
# tenancy_001 comes with these (each depends on it); naming it too trips Alembic's head
# bookkeeping (KeyError 'tenancy_001') when the branches are upgraded together.
depends_on = ('customers_001', 'cart_001', 'orders_001')


def upgrade():
    op.create_table('checkout_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token', sa.String(length=64), nullable=False),
    sa.Column('cart_id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=True),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('first_name', sa.String(length=100), nullable=False),
    sa.Column('last_name', sa.String(length=100), nullable=False),
    sa.Column('shipping_address', sa.JSON(), nullable=True),
    sa.Column('billing_address', sa.JSON(), nullable=True),
    sa.Column('shipping_method_code', sa.String(length=40), nullable=True),
    sa.Column('gateway', sa.String(length=40), nullable=True),
    sa.Column('idempotency_key', sa.String(length=64), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=True),
    sa.Column('payment_attempts', sa.Integer(), nullable=False),
    sa.Column('payment_status', sa.String(length=20), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('store_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['store_id'], ['tenancy_stores.id'], name=op.f('fk_checkout_sessions_store_id_tenancy_stores'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_checkout_sessions')),
    sa.UniqueConstraint('store_id', 'idempotency_key', name=op.f('uq_checkout_sessions_store_id_idempotency_key')),
    sa.UniqueConstraint('store_id', 'token', name=op.f('uq_checkout_sessions_store_id_token'))
    )
    with op.batch_alter_table('checkout_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_checkout_sessions_store_id'), ['store_id'], unique=False)

    op.create_table('checkout_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('prices_include_tax', sa.Boolean(), nullable=False),
    sa.Column('default_country', sa.String(length=2), nullable=False),
    sa.Column('store_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['store_id'], ['tenancy_stores.id'], name=op.f('fk_checkout_settings_store_id_tenancy_stores'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_checkout_settings')),
    sa.UniqueConstraint('store_id', name=op.f('uq_checkout_settings_store_id'))
    )
    with op.batch_alter_table('checkout_settings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_checkout_settings_store_id'), ['store_id'], unique=False)

    op.create_table('checkout_shipping_methods',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('label', sa.String(length=120), nullable=False),
    sa.Column('price', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('free_over', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('store_id', sa.Integer(), nullable=False),
    sa.CheckConstraint('free_over IS NULL OR free_over >= 0', name=op.f('ck_checkout_shipping_methods_free_over_non_negative')),
    sa.CheckConstraint('price >= 0', name=op.f('ck_checkout_shipping_methods_price_non_negative')),
    sa.ForeignKeyConstraint(['store_id'], ['tenancy_stores.id'], name=op.f('fk_checkout_shipping_methods_store_id_tenancy_stores'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_checkout_shipping_methods')),
    sa.UniqueConstraint('store_id', 'code', name=op.f('uq_checkout_shipping_methods_store_id_code'))
    )
    with op.batch_alter_table('checkout_shipping_methods', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_checkout_shipping_methods_store_id'), ['store_id'], unique=False)

    op.create_table('checkout_tax_rates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('rate', sa.Numeric(precision=5, scale=2), nullable=False),
    sa.Column('store_id', sa.Integer(), nullable=False),
    sa.CheckConstraint('rate >= 0 AND rate <= 100', name=op.f('ck_checkout_tax_rates_rate_percent')),
    sa.ForeignKeyConstraint(['store_id'], ['tenancy_stores.id'], name=op.f('fk_checkout_tax_rates_store_id_tenancy_stores'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_checkout_tax_rates')),
    sa.UniqueConstraint('store_id', 'country', name=op.f('uq_checkout_tax_rates_store_id_country'))
    )
    with op.batch_alter_table('checkout_tax_rates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_checkout_tax_rates_store_id'), ['store_id'], unique=False)


def downgrade():
    # Indexes go with their tables.
    op.drop_table('checkout_tax_rates')
    op.drop_table('checkout_shipping_methods')
    op.drop_table('checkout_settings')
    op.drop_table('checkout_sessions')
