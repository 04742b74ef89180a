"""indexes for the scale office: follow-up lists by open/done and due date

Revision ID: c4f1e2a9b7d3
Revises: 4d23fb926b18
Create Date: 2026-11-25 10:45:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'c4f1e2a9b7d3'
down_revision = '4d23fb926b18'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('follow_ups', schema=None) as batch_op:
        batch_op.drop_index('ix_follow_ups_assignee_due')
        batch_op.drop_index('ix_follow_ups_office_due')
        batch_op.create_index('ix_follow_ups_assignee_done_due', ['assignee_id', 'done_at', 'due_on'], unique=False)
        batch_op.create_index('ix_follow_ups_office_done_due', ['office_id', 'done_at', 'due_on'], unique=False)


def downgrade():
    with op.batch_alter_table('follow_ups', schema=None) as batch_op:
        batch_op.drop_index('ix_follow_ups_office_done_due')
        batch_op.drop_index('ix_follow_ups_assignee_done_due')
        batch_op.create_index('ix_follow_ups_office_due', ['office_id', 'due_on'], unique=False)
        batch_op.create_index('ix_follow_ups_assignee_due', ['assignee_id', 'due_on'], unique=False)
