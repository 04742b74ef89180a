"""core: offices, users, companies, people, interactions, follow-ups

Revision ID: 92d856dba4ea
Revises: 
Create Date: 2026-11-25 07:04:12.530561

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '92d856dba4ea'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():

    op.create_table('offices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('city', sa.String(length=100), nullable=True),
    sa.Column('country', sa.String(length=2), nullable=True),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_offices')),
    sa.UniqueConstraint('name', name=op.f('uq_offices_name'))
    )
    op.create_table('people',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('name_local', sa.String(length=200), nullable=True),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('phone', sa.String(length=50), nullable=True),
    sa.Column('wechat_id', sa.String(length=100), nullable=True),
    sa.Column('linkedin', sa.String(length=300), nullable=True),
    sa.Column('preferred_language', sa.String(length=10), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_people'))
    )
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_people_email'), ['email'], unique=False)
        batch_op.create_index(batch_op.f('ix_people_name'), ['name'], unique=False)

    op.create_table('sectors',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sectors')),
    sa.UniqueConstraint('name', name=op.f('uq_sectors_name'))
    )
    op.create_table('tags',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tags')),
    sa.UniqueConstraint('name', name=op.f('uq_tags_name'))
    )
    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('password_hash', sa.String(length=256), nullable=False),
    sa.Column('role', sa.Enum('viewer', 'staff', 'manager', 'admin', name='role', native_enum=False, length=15), nullable=False),
    sa.Column('office_id', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('language', sa.String(length=10), nullable=True),
    sa.Column('last_login_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['office_id'], ['offices.id'], name=op.f('fk_users_office_id_offices')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('email', name=op.f('uq_users_email'))
    )
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_users_office_id'), ['office_id'], unique=False)

    op.create_table('companies',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('name_local', sa.String(length=200), nullable=True),
    sa.Column('kind', sa.Enum('enterprise', 'institution', 'university', 'association', name='companykind', native_enum=False, length=19), nullable=False),
    sa.Column('city', sa.String(length=100), nullable=True),
    sa.Column('country', sa.String(length=2), nullable=True),
    sa.Column('size', sa.Enum('1-9', '10-49', '50-249', '250-999', '1000+', name='companysize', native_enum=False, length=15), nullable=True),
    sa.Column('website', sa.String(length=300), nullable=True),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('phone', sa.String(length=50), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('offers', sa.Text(), nullable=True),
    sa.Column('seeks', sa.Text(), nullable=True),
    sa.Column('cooperation_interests', sa.Text(), nullable=True),
    sa.Column('status', sa.Enum('new', 'contacted', 'interested', 'negotiating', 'partner', 'dormant', 'declined', name='pipelinestatus', native_enum=False, length=19), nullable=False),
    sa.Column('source', sa.Enum('website', 'fair', 'delegation', 'event', 'referral', 'partner', 'direct', 'other', name='contactsource', native_enum=False, length=18), nullable=True),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('office_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['office_id'], ['offices.id'], name=op.f('fk_companies_office_id_offices')),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_companies_owner_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_companies'))
    )
    with op.batch_alter_table('companies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_companies_city'), ['city'], unique=False)
        batch_op.create_index(batch_op.f('ix_companies_country'), ['country'], unique=False)
        batch_op.create_index(batch_op.f('ix_companies_name'), ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_companies_office_id'), ['office_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_companies_owner_id'), ['owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_companies_status'), ['status'], unique=False)

    op.create_table('affiliations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('company_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=True),
    sa.Column('is_primary', sa.Boolean(), nullable=False),
    sa.Column('started_on', sa.Date(), nullable=True),
    sa.Column('ended_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['company_id'], ['companies.id'], name=op.f('fk_affiliations_company_id_companies'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_affiliations_person_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_affiliations'))
    )
    with op.batch_alter_table('affiliations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_affiliations_company_id'), ['company_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_affiliations_person_id'), ['person_id'], unique=False)

    op.create_table('company_sectors',
    sa.Column('company_id', sa.Integer(), nullable=False),
    sa.Column('sector_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['company_id'], ['companies.id'], name=op.f('fk_company_sectors_company_id_companies'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['sector_id'], ['sectors.id'], name=op.f('fk_company_sectors_sector_id_sectors'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('company_id', 'sector_id', name=op.f('pk_company_sectors'))
    )
    with op.batch_alter_table('company_sectors', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_company_sectors_sector_id'), ['sector_id'], unique=False)

    op.create_table('company_tags',
    sa.Column('company_id', sa.Integer(), nullable=False),
    sa.Column('tag_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['company_id'], ['companies.id'], name=op.f('fk_company_tags_company_id_companies'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tag_id'], ['tags.id'], name=op.f('fk_company_tags_tag_id_tags'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('company_id', 'tag_id', name=op.f('pk_company_tags'))
    )
    with op.batch_alter_table('company_tags', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_company_tags_tag_id'), ['tag_id'], unique=False)

    op.create_table('interactions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('company_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('office_id', sa.Integer(), nullable=False),
    sa.Column('occurred_at', sa.DateTime(), nullable=False),
    sa.Column('channel', sa.Enum('call', 'email', 'wechat', 'meeting', 'visit', 'fair_meeting', 'other', name='channel', native_enum=False, length=20), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('outcome', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_interactions_author_id_users')),
    sa.ForeignKeyConstraint(['company_id'], ['companies.id'], name=op.f('fk_interactions_company_id_companies')),
    sa.ForeignKeyConstraint(['office_id'], ['offices.id'], name=op.f('fk_interactions_office_id_offices')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_interactions'))
    )
    with op.batch_alter_table('interactions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_interactions_author_id'), ['author_id'], unique=False)
        batch_op.create_index('ix_interactions_company_occurred', ['company_id', 'occurred_at'], unique=False)
        batch_op.create_index('ix_interactions_office_occurred', ['office_id', 'occurred_at'], unique=False)

    op.create_table('follow_ups',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('company_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('interaction_id', sa.Integer(), nullable=True),
    sa.Column('next_step', sa.String(length=500), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('assignee_id', sa.Integer(), nullable=False),
    sa.Column('office_id', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('done_at', sa.DateTime(), nullable=True),
    sa.Column('done_by_id', sa.Integer(), nullable=True),
    sa.Column('outcome_note', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['assignee_id'], ['users.id'], name=op.f('fk_follow_ups_assignee_id_users')),
    sa.ForeignKeyConstraint(['company_id'], ['companies.id'], name=op.f('fk_follow_ups_company_id_companies')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_follow_ups_created_by_id_users')),
    sa.ForeignKeyConstraint(['done_by_id'], ['users.id'], name=op.f('fk_follow_ups_done_by_id_users')),
    sa.ForeignKeyConstraint(['interaction_id'], ['interactions.id'], name=op.f('fk_follow_ups_interaction_id_interactions'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['office_id'], ['offices.id'], name=op.f('fk_follow_ups_office_id_offices')),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_follow_ups_person_id_people'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_follow_ups'))
    )
    with op.batch_alter_table('follow_ups', schema=None) as batch_op:
        batch_op.create_index('ix_follow_ups_assignee_due', ['assignee_id', 'due_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_follow_ups_company_id'), ['company_id'], unique=False)
        batch_op.create_index('ix_follow_ups_office_due', ['office_id', 'due_on'], unique=False)

    op.create_table('interaction_people',
    sa.Column('interaction_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['interaction_id'], ['interactions.id'], name=op.f('fk_interaction_people_interaction_id_interactions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_interaction_people_person_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('interaction_id', 'person_id', name=op.f('pk_interaction_people'))
    )
    with op.batch_alter_table('interaction_people', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_interaction_people_person_id'), ['person_id'], unique=False)




def downgrade():

    with op.batch_alter_table('interaction_people', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_interaction_people_person_id'))

    op.drop_table('interaction_people')
    with op.batch_alter_table('follow_ups', schema=None) as batch_op:
        batch_op.drop_index('ix_follow_ups_office_due')
        batch_op.drop_index(batch_op.f('ix_follow_ups_company_id'))
        batch_op.drop_index('ix_follow_ups_assignee_due')

    op.drop_table('follow_ups')
    with op.batch_alter_table('interactions', schema=None) as batch_op:
        batch_op.drop_index('ix_interactions_office_occurred')
        batch_op.drop_index('ix_interactions_company_occurred')
        batch_op.drop_index(batch_op.f('ix_interactions_author_id'))

    op.drop_table('interactions')
    with op.batch_alter_table('company_tags', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_company_tags_tag_id'))

    op.drop_table('company_tags')
    with op.batch_alter_table('company_sectors', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_company_sectors_sector_id'))

    op.drop_table('company_sectors')
    with op.batch_alter_table('affiliations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_affiliations_person_id'))
        batch_op.drop_index(batch_op.f('ix_affiliations_company_id'))

    op.drop_table('affiliations')
    with op.batch_alter_table('companies', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_companies_status'))
        batch_op.drop_index(batch_op.f('ix_companies_owner_id'))
        batch_op.drop_index(batch_op.f('ix_companies_office_id'))
        batch_op.drop_index(batch_op.f('ix_companies_name'))
        batch_op.drop_index(batch_op.f('ix_companies_country'))
        batch_op.drop_index(batch_op.f('ix_companies_city'))

    op.drop_table('companies')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_users_office_id'))

    op.drop_table('users')
    op.drop_table('tags')
    op.drop_table('sectors')
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_people_name'))
        batch_op.drop_index(batch_op.f('ix_people_email'))

    op.drop_table('people')
    op.drop_table('offices')

