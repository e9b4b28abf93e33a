"""variant option names and values per language

Revision ID: catalog_003
Revises: catalog_002
Create Date: 2026-12-02 16:40:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'catalog_003'
down_revision = 'catalog_002'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('catalog_option_translations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('value', sa.String(length=80), nullable=False),
    sa.Column('label', sa.String(length=80), nullable=False),
    sa.Column('store_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['store_id'], ['tenancy_stores.id'], name=op.f('fk_catalog_option_translations_store_id_tenancy_stores'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_catalog_option_translations')),
    sa.UniqueConstraint('store_id', 'language', 'name', 'value', name=op.f('uq_catalog_option_translations_store_id_language_name_value'))
    )
    with op.batch_alter_table('catalog_option_translations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_catalog_option_translations_store_id'), ['store_id'], unique=False)


def downgrade():
    with op.batch_alter_table('catalog_option_translations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_catalog_option_translations_store_id'))
    op.drop_table('catalog_option_translations')
