"""delegations, itineraries and partner agreements

Revision ID: 5d3a7d1ab0da
Revises: 7ef205309fd4
Create Date: 2026-11-25 07:15:51.351498

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5d3a7d1ab0da'
down_revision = '7ef205309fd4'
branch_labels = None
depends_on = None


def upgrade():

    op.create_table('delegations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('direction', sa.Enum('outbound', 'inbound', name='direction', native_enum=False, length=16), nullable=False),
    sa.Column('host_cities', sa.String(length=300), nullable=True),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('purpose', sa.Text(), nullable=True),
    sa.Column('leading_institution_id', sa.Integer(), nullable=True),
    sa.Column('head_id', sa.Integer(), nullable=True),
    sa.Column('office_id', sa.Integer(), nullable=True),
    sa.Column('responsible_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('planned', 'confirmed', 'under_way', 'done', 'cancelled', name='delegationstatus', native_enum=False, length=17), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['head_id'], ['people.id'], name=op.f('fk_delegations_head_id_people'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['leading_institution_id'], ['companies.id'], name=op.f('fk_delegations_leading_institution_id_companies')),
    sa.ForeignKeyConstraint(['office_id'], ['offices.id'], name=op.f('fk_delegations_office_id_offices')),
    sa.ForeignKeyConstraint(['responsible_id'], ['users.id'], name=op.f('fk_delegations_responsible_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_delegations'))
    )
    with op.batch_alter_table('delegations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_delegations_office_id'), ['office_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_delegations_starts_on'), ['starts_on'], unique=False)

    op.create_table('delegation_members',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('delegation_id', sa.Integer(), nullable=False),
    sa.Column('company_id', sa.Integer(), nullable=False),
    sa.Column('interests', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['company_id'], ['companies.id'], name=op.f('fk_delegation_members_company_id_companies')),
    sa.ForeignKeyConstraint(['delegation_id'], ['delegations.id'], name=op.f('fk_delegation_members_delegation_id_delegations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_delegation_members')),
    sa.UniqueConstraint('delegation_id', 'company_id', name=op.f('uq_delegation_members_delegation_id_company_id'))
    )
    with op.batch_alter_table('delegation_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_delegation_members_company_id'), ['company_id'], unique=False)

    op.create_table('visits',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('delegation_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('visit', 'meeting', 'site_tour', 'other', name='visitkind', native_enum=False, length=17), nullable=False),
    sa.Column('starts_at', sa.DateTime(), nullable=False),
    sa.Column('ends_at', sa.DateTime(), nullable=True),
    sa.Column('place', sa.String(length=300), nullable=True),
    sa.Column('host_company_id', sa.Integer(), nullable=True),
    sa.Column('interpreter', sa.String(length=200), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('outcome', sa.Enum('not_held', 'no_interest', 'informative', 'possible', 'agreement', name='meetingoutcome', native_enum=False, length=19), nullable=True),
    sa.Column('outcome_note', sa.Text(), nullable=True),
    sa.Column('outcome_recorded_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['delegation_id'], ['delegations.id'], name=op.f('fk_visits_delegation_id_delegations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['host_company_id'], ['companies.id'], name=op.f('fk_visits_host_company_id_companies')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_visits'))
    )
    with op.batch_alter_table('visits', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_visits_delegation_id'), ['delegation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_visits_host_company_id'), ['host_company_id'], unique=False)

    op.create_table('agreements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('loi', 'mou', 'cooperation', 'office', name='agreementkind', native_enum=False, length=19), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('signed_on', sa.Date(), nullable=True),
    sa.Column('signed_place', sa.String(length=200), nullable=True),
    sa.Column('signatories', sa.Text(), nullable=True),
    sa.Column('term_ends_on', sa.Date(), nullable=True),
    sa.Column('renewal_on', sa.Date(), nullable=True),
    sa.Column('status', sa.Enum('draft', 'signed', 'active', 'expired', name='agreementstatus', native_enum=False, length=15), nullable=False),
    sa.Column('summary', sa.Text(), nullable=True),
    sa.Column('office_id', sa.Integer(), nullable=True),
    sa.Column('document_path', sa.String(length=300), nullable=True),
    sa.Column('document_name', sa.String(length=300), nullable=True),
    sa.Column('document_type', sa.String(length=100), nullable=True),
    sa.Column('document_size', sa.Integer(), nullable=True),
    sa.Column('renewal_follow_up_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['office_id'], ['offices.id'], name=op.f('fk_agreements_office_id_offices')),
    sa.ForeignKeyConstraint(['renewal_follow_up_id'], ['follow_ups.id'], name=op.f('fk_agreements_renewal_follow_up_id_follow_ups'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreements'))
    )
    with op.batch_alter_table('agreements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreements_office_id'), ['office_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreements_signed_on'), ['signed_on'], unique=False)

    op.create_table('delegation_member_people',
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['delegation_members.id'], name=op.f('fk_delegation_member_people_member_id_delegation_members'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_delegation_member_people_person_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('member_id', 'person_id', name=op.f('pk_delegation_member_people'))
    )
    with op.batch_alter_table('delegation_member_people', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_delegation_member_people_person_id'), ['person_id'], unique=False)

    op.create_table('visit_members',
    sa.Column('visit_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['delegation_members.id'], name=op.f('fk_visit_members_member_id_delegation_members'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['visit_id'], ['visits.id'], name=op.f('fk_visit_members_visit_id_visits'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('visit_id', 'member_id', name=op.f('pk_visit_members'))
    )
    with op.batch_alter_table('visit_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_visit_members_member_id'), ['member_id'], unique=False)

    op.create_table('agreement_parties',
    sa.Column('agreement_id', sa.Integer(), nullable=False),
    sa.Column('company_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['agreement_id'], ['agreements.id'], name=op.f('fk_agreement_parties_agreement_id_agreements'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['company_id'], ['companies.id'], name=op.f('fk_agreement_parties_company_id_companies'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('agreement_id', 'company_id', name=op.f('pk_agreement_parties'))
    )
    with op.batch_alter_table('agreement_parties', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreement_parties_company_id'), ['company_id'], unique=False)




def downgrade():

    with op.batch_alter_table('agreement_parties', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreement_parties_company_id'))

    op.drop_table('agreement_parties')
    with op.batch_alter_table('visit_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_visit_members_member_id'))

    op.drop_table('visit_members')
    with op.batch_alter_table('delegation_member_people', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_delegation_member_people_person_id'))

    op.drop_table('delegation_member_people')
    with op.batch_alter_table('agreements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreements_signed_on'))
        batch_op.drop_index(batch_op.f('ix_agreements_office_id'))

    op.drop_table('agreements')
    with op.batch_alter_table('visits', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_visits_host_company_id'))
        batch_op.drop_index(batch_op.f('ix_visits_delegation_id'))

    op.drop_table('visits')
    with op.batch_alter_table('delegation_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_delegation_members_company_id'))

    op.drop_table('delegation_members')
    with op.batch_alter_table('delegations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_delegations_starts_on'))
        batch_op.drop_index(batch_op.f('ix_delegations_office_id'))

    op.drop_table('delegations')

