"""company status history and recently viewed companies

Revision ID: cbfdaed5a8b1
Revises: a156c3c913cf
Create Date: 2026-11-25 10:38:40.747254

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'cbfdaed5a8b1'
down_revision = 'a156c3c913cf'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('company_status_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('company_id', sa.Integer(), nullable=False),
    sa.Column('from_status', sa.Enum('new', 'contacted', 'interested', 'negotiating', 'partner', 'dormant', 'declined', name='pipelinestatus', native_enum=False, length=19), nullable=False),
    sa.Column('to_status', sa.Enum('new', 'contacted', 'interested', 'negotiating', 'partner', 'dormant', 'declined', name='pipelinestatus', native_enum=False, length=19), nullable=False),
    sa.Column('changed_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['company_id'], ['companies.id'], name=op.f('fk_company_status_changes_company_id_companies'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_company_status_changes'))
    )
    with op.batch_alter_table('company_status_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_company_status_changes_changed_at'), ['changed_at'], unique=False)
        batch_op.create_index('ix_company_status_changes_company_changed', ['company_id', 'changed_at'], unique=False)

    op.create_table('recent_companies',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('company_id', sa.Integer(), nullable=False),
    sa.Column('viewed_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['company_id'], ['companies.id'], name=op.f('fk_recent_companies_company_id_companies'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_recent_companies_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'company_id', name=op.f('pk_recent_companies'))
    )
    with op.batch_alter_table('recent_companies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recent_companies_company_id'), ['company_id'], unique=False)
        batch_op.create_index('ix_recent_companies_user_viewed', ['user_id', 'viewed_at'], unique=False)



def downgrade():
    with op.batch_alter_table('recent_companies', schema=None) as batch_op:
        batch_op.drop_index('ix_recent_companies_user_viewed')
        batch_op.drop_index(batch_op.f('ix_recent_companies_company_id'))

    op.drop_table('recent_companies')
    with op.batch_alter_table('company_status_changes', schema=None) as batch_op:
        batch_op.drop_index('ix_company_status_changes_company_changed')
        batch_op.drop_index(batch_op.f('ix_company_status_changes_changed_at'))

    op.drop_table('company_status_changes')
