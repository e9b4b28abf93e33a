"""payment, fulfilment and order statuses kept apart; fulfilments of some lines; restock counts

Revision ID: orders_003
Revises: orders_002
Create Date: 2026-12-02 16:40:00

Existing orders keep their history: their one old status becomes the three new ones, and an
order that had shipped gets one fulfilment holding all its lines.

On SQLite only changes it can make in place touch orders_orders (the new columns keep their
server defaults): rebuilding that table would drop it, and ON DELETE CASCADE would take the lines
and the timeline with it. orders_lines is rebuilt (for its CHECKs) before any table refers to it.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'orders_003'
down_revision = 'orders_002'
branch_labels = None
depends_on = None

PAYMENT = """CASE
    WHEN status = 'pending' THEN 'pending'
    WHEN status = 'cancelled' AND paid_at IS NULL THEN 'voided'
    WHEN refunded_total >= total AND refunded_total > 0 THEN 'refunded'
    WHEN refunded_total > 0 THEN 'partially_refunded'
    WHEN status = 'refunded' THEN 'refunded'
    ELSE 'paid' END"""
FULFILMENT = """CASE
    WHEN status = 'cancelled' THEN 'unfulfilled'
    WHEN delivered_at IS NOT NULL OR status = 'delivered' THEN 'delivered'
    WHEN shipped_at IS NOT NULL OR status = 'shipped' THEN 'fulfilled'
    ELSE 'unfulfilled' END"""
ORDER = """CASE
    WHEN status = 'cancelled' THEN 'cancelled'
    WHEN status = 'refunded' THEN 'closed'
    ELSE 'open' END"""


def upgrade():
    with op.batch_alter_table('orders_orders', schema=None) as batch_op:
        batch_op.add_column(sa.Column('payment_status', sa.String(length=20), nullable=False,
                                      server_default='pending'))
        batch_op.add_column(sa.Column('fulfilment_status', sa.String(length=20), nullable=False,
                                      server_default='unfulfilled'))
        batch_op.add_column(sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.drop_index('ix_orders_orders_store_status_placed')
        batch_op.drop_index(batch_op.f('ix_orders_orders_status'))
    with op.batch_alter_table('orders_lines', schema=None) as batch_op:
        batch_op.add_column(sa.Column('inventory_item_id', sa.Integer(), nullable=True))
        for name in ('fulfilled_quantity', 'cancelled_quantity', 'returned_quantity'):
            batch_op.add_column(sa.Column(name, sa.Integer(), nullable=False, server_default='0'))

    # The old status is read before it is overwritten: one UPDATE evaluates every CASE on the old row.
    # The CASE expressions are this file's constants: no outside value reaches the statement.
    op.execute(f"UPDATE orders_orders SET payment_status = {PAYMENT}, fulfilment_status = {FULFILMENT}, "  # nosec B608
               f"status = {ORDER}")
    op.execute("UPDATE orders_orders SET closed_at = COALESCE(delivered_at, shipped_at, paid_at, placed_at) "
               "WHERE status = 'closed'")
    op.execute("UPDATE orders_lines SET fulfilled_quantity = quantity WHERE order_id IN (SELECT id FROM orders_orders "
               "WHERE fulfilment_status IN ('fulfilled', 'delivered'))")

    with op.batch_alter_table('orders_lines', schema=None) as batch_op:
        batch_op.create_check_constraint(
            'fulfilment_within_quantity',
            'fulfilled_quantity >= 0 AND cancelled_quantity >= 0 AND fulfilled_quantity + cancelled_quantity <= quantity')
        batch_op.create_check_constraint('returns_within_fulfilled',
                                         'returned_quantity >= 0 AND returned_quantity <= fulfilled_quantity')
    _create_fulfilments()
    op.execute("INSERT INTO orders_fulfilments (store_id, order_id, carrier, tracking_number, created_at) "
               "SELECT store_id, id, shipping_method_label, COALESCE(tracking_number, ''), "
               "COALESCE(shipped_at, delivered_at, placed_at) FROM orders_orders "
               "WHERE fulfilment_status IN ('fulfilled', 'delivered')")
    op.execute("INSERT INTO orders_fulfilment_lines (store_id, fulfilment_id, line_id, quantity) "
               "SELECT l.store_id, f.id, l.id, l.quantity FROM orders_lines l "
               "JOIN orders_fulfilments f ON f.order_id = l.order_id")

    with op.batch_alter_table('orders_orders', schema=None) as batch_op:
        batch_op.create_index('ix_orders_orders_store_payment_placed',
                              ['store_id', 'payment_status', 'placed_at', 'id'], unique=False)
        batch_op.create_index('ix_orders_orders_store_fulfilment_placed',
                              ['store_id', 'fulfilment_status', 'placed_at', 'id'], unique=False)


def _create_fulfilments():
    op.create_table('orders_fulfilments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('carrier', sa.String(length=60), nullable=False),
    sa.Column('tracking_number', sa.String(length=64), nullable=False),
    sa.Column('actor_user_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('store_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['actor_user_id'], ['tenancy_users.id'], name=op.f('fk_orders_fulfilments_actor_user_id_tenancy_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['order_id'], ['orders_orders.id'], name=op.f('fk_orders_fulfilments_order_id_orders_orders'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['store_id'], ['tenancy_stores.id'], name=op.f('fk_orders_fulfilments_store_id_tenancy_stores'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_orders_fulfilments'))
    )
    with op.batch_alter_table('orders_fulfilments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_orders_fulfilments_order_id'), ['order_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_orders_fulfilments_store_id'), ['store_id'], unique=False)
    op.create_table('orders_fulfilment_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('fulfilment_id', sa.Integer(), nullable=False),
    sa.Column('line_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('store_id', sa.Integer(), nullable=False),
    sa.CheckConstraint('quantity > 0', name=op.f('ck_orders_fulfilment_lines_quantity_positive')),
    sa.ForeignKeyConstraint(['fulfilment_id'], ['orders_fulfilments.id'], name=op.f('fk_orders_fulfilment_lines_fulfilment_id_orders_fulfilments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['line_id'], ['orders_lines.id'], name=op.f('fk_orders_fulfilment_lines_line_id_orders_lines'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['store_id'], ['tenancy_stores.id'], name=op.f('fk_orders_fulfilment_lines_store_id_tenancy_stores'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_orders_fulfilment_lines'))
    )
    with op.batch_alter_table('orders_fulfilment_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_orders_fulfilment_lines_fulfilment_id'), ['fulfilment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_orders_fulfilment_lines_line_id'), ['line_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_orders_fulfilment_lines_store_id'), ['store_id'], unique=False)


def downgrade():
    op.drop_table('orders_fulfilment_lines')
    op.drop_table('orders_fulfilments')
    with op.batch_alter_table('orders_lines', schema=None) as batch_op:
        batch_op.drop_constraint('returns_within_fulfilled', type_='check')
        batch_op.drop_constraint('fulfilment_within_quantity', type_='check')
        for name in ('returned_quantity', 'cancelled_quantity', 'fulfilled_quantity', 'inventory_item_id'):
            batch_op.drop_column(name)
    # Back to one status, the nearest the old machine had.
    op.execute("UPDATE orders_orders SET status = CASE WHEN status = 'cancelled' THEN 'cancelled' "
               "WHEN payment_status = 'refunded' THEN 'refunded' "
               "WHEN payment_status = 'partially_refunded' THEN 'partially_refunded' "
               "WHEN fulfilment_status IN ('delivered', 'returned') THEN 'delivered' "
               "WHEN fulfilment_status IN ('fulfilled', 'partially_fulfilled') THEN 'shipped' "
               "WHEN payment_status = 'paid' THEN 'paid' ELSE 'pending' END")
    with op.batch_alter_table('orders_orders', schema=None) as batch_op:
        batch_op.drop_index('ix_orders_orders_store_fulfilment_placed')
        batch_op.drop_index('ix_orders_orders_store_payment_placed')
        batch_op.drop_column('closed_at')
        batch_op.drop_column('fulfilment_status')
        batch_op.drop_column('payment_status')
        batch_op.create_index(batch_op.f('ix_orders_orders_status'), ['status'], unique=False)
        batch_op.create_index('ix_orders_orders_store_status_placed', ['store_id', 'status', 'placed_at', 'id'],
                              unique=False)
