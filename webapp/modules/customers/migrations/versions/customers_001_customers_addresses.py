"""customers: shopper accounts and their addresses

Revision ID: customers_001
Revises: 
Create Date: 2026-11-21 15:34:22.769197

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = 'customers_001'
down_revision = None
branch_labels = ('customers',)
depends_on = ('tenancy_001',)


def upgrade():
    op.create_table('customers_customers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=True),
    sa.Column('first_name', sa.String(length=100), nullable=False),
    sa.Column('last_name', sa.String(length=100), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('locale', sa.String(length=8), nullable=True),
    sa.Column('accepts_marketing', sa.Boolean(), nullable=False),
    sa.Column('session_version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_login_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('orders_count', sa.Integer(), nullable=False),
    sa.Column('total_spent', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('last_order_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('store_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['store_id'], ['tenancy_stores.id'], name=op.f('fk_customers_customers_store_id_tenancy_stores'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_customers_customers')),
    sa.UniqueConstraint('store_id', 'email', name=op.f('uq_customers_customers_store_id_email'))
    )
    with op.batch_alter_table('customers_customers', schema=None) as batch_op:
        batch_op.create_index('ix_customers_customers_store_created', ['store_id', 'created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_customers_customers_store_id'), ['store_id'], unique=False)
        batch_op.create_index('ix_customers_customers_store_orders', ['store_id', 'orders_count'], unique=False)
        batch_op.create_index('ix_customers_customers_store_spent', ['store_id', 'total_spent'], unique=False)
    op.create_table('customers_addresses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('full_name', sa.String(length=200), nullable=False),
    sa.Column('street', sa.String(length=200), nullable=False),
    sa.Column('postal_code', sa.String(length=20), nullable=False),
    sa.Column('city', sa.String(length=100), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('is_default', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('store_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['customer_id'], ['customers_customers.id'], name=op.f('fk_customers_addresses_customer_id_customers_customers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['store_id'], ['tenancy_stores.id'], name=op.f('fk_customers_addresses_store_id_tenancy_stores'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_customers_addresses'))
    )
    with op.batch_alter_table('customers_addresses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_customers_addresses_customer_id'), ['customer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_customers_addresses_store_id'), ['store_id'], unique=False)


def downgrade():
    with op.batch_alter_table('customers_addresses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_customers_addresses_store_id'))
        batch_op.drop_index(batch_op.f('ix_customers_addresses_customer_id'))

    op.drop_table('customers_addresses')
    with op.batch_alter_table('customers_customers', schema=None) as batch_op:
        batch_op.drop_index('ix_customers_customers_store_spent')
        batch_op.drop_index('ix_customers_customers_store_orders')
        batch_op.drop_index(batch_op.f('ix_customers_customers_store_id'))
        batch_op.drop_index('ix_customers_customers_store_created')

    op.drop_table('customers_customers')
