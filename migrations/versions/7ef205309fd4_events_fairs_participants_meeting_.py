"""events: fairs, participants, meeting requests and meetings

Revision ID: 7ef205309fd4
Revises: 92d856dba4ea
Create Date: 2026-11-25 07:12:28.315271

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '7ef205309fd4'
down_revision = '92d856dba4ea'
branch_labels = None
depends_on = None


def upgrade():

    op.create_table('events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.Enum('fair', 'forum', 'reception', 'opening', 'other', name='eventkind', native_enum=False, length=17), nullable=False),
    sa.Column('city', sa.String(length=100), nullable=True),
    sa.Column('venue', sa.String(length=200), nullable=True),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('office_id', sa.Integer(), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('slot_minutes', sa.Integer(), nullable=True),
    sa.Column('tables', sa.Integer(), nullable=True),
    sa.Column('agenda_final_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['office_id'], ['offices.id'], name=op.f('fk_events_office_id_offices')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_events'))
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_events_office_id'), ['office_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_starts_on'), ['starts_on'], unique=False)

    op.create_table('meeting_days',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('starts_at', sa.Time(), nullable=False),
    sa.Column('ends_at', sa.Time(), nullable=False),
    sa.Column('breaks', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_meeting_days_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_days')),
    sa.UniqueConstraint('event_id', 'day', name=op.f('uq_meeting_days_event_id_day'))
    )
    op.create_table('participants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('company_id', sa.Integer(), nullable=False),
    sa.Column('side', sa.Enum('A', 'B', name='side', native_enum=False, length=9), nullable=False),
    sa.Column('available_slots', sa.JSON(), nullable=True),
    sa.Column('max_meetings', sa.Integer(), nullable=True),
    sa.Column('offers', sa.Text(), nullable=True),
    sa.Column('seeks', sa.Text(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['company_id'], ['companies.id'], name=op.f('fk_participants_company_id_companies')),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_participants_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_participants')),
    sa.UniqueConstraint('event_id', 'company_id', name=op.f('uq_participants_event_id_company_id'))
    )
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_participants_company_id'), ['company_id'], unique=False)

    op.create_table('meeting_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('requester_id', sa.Integer(), nullable=False),
    sa.Column('counterpart_id', sa.Integer(), nullable=False),
    sa.Column('priority', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('pending', 'accepted', 'declined', name='requeststatus', native_enum=False, length=16), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('requester_id <> counterpart_id', name=op.f('ck_meeting_requests_not_self')),
    sa.ForeignKeyConstraint(['counterpart_id'], ['participants.id'], name=op.f('fk_meeting_requests_counterpart_id_participants'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_meeting_requests_created_by_id_users')),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_meeting_requests_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['requester_id'], ['participants.id'], name=op.f('fk_meeting_requests_requester_id_participants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_requests')),
    sa.UniqueConstraint('requester_id', 'counterpart_id', name=op.f('uq_meeting_requests_requester_id_counterpart_id'))
    )
    with op.batch_alter_table('meeting_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_requests_counterpart_id'), ['counterpart_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_requests_event_id'), ['event_id'], unique=False)

    op.create_table('participant_people',
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], name=op.f('fk_participant_people_participant_id_participants'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_participant_people_person_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('participant_id', 'person_id', name=op.f('pk_participant_people'))
    )
    with op.batch_alter_table('participant_people', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_participant_people_person_id'), ['person_id'], unique=False)

    op.create_table('meetings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=True),
    sa.Column('a_id', sa.Integer(), nullable=False),
    sa.Column('b_id', sa.Integer(), nullable=False),
    sa.Column('slot', sa.Integer(), nullable=False),
    sa.Column('table_number', sa.Integer(), nullable=False),
    sa.Column('locked', sa.Boolean(), nullable=False),
    sa.Column('placed_at', sa.DateTime(), nullable=False),
    sa.Column('outcome', sa.Enum('not_held', 'no_interest', 'informative', 'possible', 'agreement', name='meetingoutcome', native_enum=False, length=19), nullable=True),
    sa.Column('outcome_note', sa.Text(), nullable=True),
    sa.Column('outcome_recorded_at', sa.DateTime(), nullable=True),
    sa.Column('reviewed_outcome', sa.Enum('not_held', 'no_interest', 'informative', 'possible', 'agreement', name='meetingoutcome', native_enum=False, length=19), nullable=True),
    sa.Column('review_note', sa.Text(), nullable=True),
    sa.Column('reviewed_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['a_id'], ['participants.id'], name=op.f('fk_meetings_a_id_participants'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['b_id'], ['participants.id'], name=op.f('fk_meetings_b_id_participants'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_meetings_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['request_id'], ['meeting_requests.id'], name=op.f('fk_meetings_request_id_meeting_requests'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meetings')),
    sa.UniqueConstraint('event_id', 'slot', 'table_number', name=op.f('uq_meetings_event_id_slot_table_number'))
    )
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meetings_a_id'), ['a_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meetings_b_id'), ['b_id'], unique=False)




def downgrade():

    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meetings_b_id'))
        batch_op.drop_index(batch_op.f('ix_meetings_a_id'))

    op.drop_table('meetings')
    with op.batch_alter_table('participant_people', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_participant_people_person_id'))

    op.drop_table('participant_people')
    with op.batch_alter_table('meeting_requests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_requests_event_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_requests_counterpart_id'))

    op.drop_table('meeting_requests')
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_participants_company_id'))

    op.drop_table('participants')
    op.drop_table('meeting_days')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_events_starts_on'))
        batch_op.drop_index(batch_op.f('ix_events_office_id'))

    op.drop_table('events')

