"""public inquiries; reminder and calendar-feed settings per user

Revision ID: ee8767afe7e9
Revises: 5d3a7d1ab0da
Create Date: 2026-11-25 07:30:57.294805

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'ee8767afe7e9'
down_revision = '5d3a7d1ab0da'
branch_labels = None
depends_on = None


def upgrade():

    op.create_table('inquiries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('company_name', sa.String(length=200), nullable=False),
    sa.Column('contact_name', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('phone', sa.String(length=50), nullable=True),
    sa.Column('country', sa.String(length=2), nullable=True),
    sa.Column('sector', sa.String(length=100), nullable=True),
    sa.Column('offers', sa.Text(), nullable=True),
    sa.Column('seeks', sa.Text(), nullable=True),
    sa.Column('preferred_office_id', sa.Integer(), nullable=True),
    sa.Column('consent_at', sa.DateTime(), nullable=False),
    sa.Column('consent_text', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('new', 'accepted', 'rejected', name='inquirystatus', native_enum=False, length=16), nullable=False),
    sa.Column('handled_by_id', sa.Integer(), nullable=True),
    sa.Column('handled_at', sa.DateTime(), nullable=True),
    sa.Column('company_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['company_id'], ['companies.id'], name=op.f('fk_inquiries_company_id_companies'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['handled_by_id'], ['users.id'], name=op.f('fk_inquiries_handled_by_id_users')),
    sa.ForeignKeyConstraint(['preferred_office_id'], ['offices.id'], name=op.f('fk_inquiries_preferred_office_id_offices')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inquiries'))
    )
    with op.batch_alter_table('inquiries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inquiries_status'), ['status'], unique=False)

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reminders_enabled', sa.Boolean(), server_default=sa.true(), nullable=False))
        batch_op.add_column(sa.Column('calendar_token', sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_users_calendar_token'), ['calendar_token'])




def downgrade():

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_users_calendar_token'), type_='unique')
        batch_op.drop_column('calendar_token')
        batch_op.drop_column('reminders_enabled')

    with op.batch_alter_table('inquiries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inquiries_status'))

    op.drop_table('inquiries')

