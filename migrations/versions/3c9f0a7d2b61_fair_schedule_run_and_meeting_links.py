"""the last scheduler run of a fair; interactions filed by a meeting's outcome point at it

Revision ID: 3c9f0a7d2b61
Revises: ee8767afe7e9
Create Date: 2026-11-25 11:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '3c9f0a7d2b61'
down_revision = 'ee8767afe7e9'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('last_schedule', sa.JSON(), nullable=True))

    with op.batch_alter_table('interactions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('meeting_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_interactions_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_interactions_meeting_id_meetings'), 'meetings', ['meeting_id'],
                                    ['id'], ondelete='SET NULL')


def downgrade():
    with op.batch_alter_table('interactions', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_interactions_meeting_id_meetings'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_interactions_meeting_id'))
        batch_op.drop_column('meeting_id')

    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_column('last_schedule')
