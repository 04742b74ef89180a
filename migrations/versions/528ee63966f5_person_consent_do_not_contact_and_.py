"""person consent, do not contact and erasure

Revision ID: 528ee63966f5
Revises: e1c6338dc665
Create Date: 2026-11-25 10:36:39.455787

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '528ee63966f5'
down_revision = 'e1c6338dc665'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.add_column(sa.Column('consent', sa.Enum('unknown', 'given', 'refused', name='consent',
                                                         native_enum=False, length=15),
                                      server_default='unknown', nullable=False))
        batch_op.add_column(sa.Column('consent_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('consent_source', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('do_not_contact', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('erased_at', sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.drop_column('erased_at')
        batch_op.drop_column('do_not_contact')
        batch_op.drop_column('consent_source')
        batch_op.drop_column('consent_on')
        batch_op.drop_column('consent')
