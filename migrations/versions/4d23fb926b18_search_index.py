"""search index: normalised search text per record, with SQLite FTS5 trigram or PostgreSQL pg_trgm

Revision ID: 4d23fb926b18
Revises: 528ee63966f5
Create Date: 2026-11-25 10:41:37.793595

The index starts empty: run `crm search-reindex` once after this upgrade.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '4d23fb926b18'
down_revision = '528ee63966f5'
branch_labels = None
depends_on = None

SQLITE_UPGRADE = [
    "CREATE VIRTUAL TABLE search_fts USING fts5(text, content='search_entries', content_rowid='id',"
    " tokenize='trigram')",
    "CREATE TRIGGER search_entries_ai AFTER INSERT ON search_entries BEGIN"
    " INSERT INTO search_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER search_entries_ad AFTER DELETE ON search_entries BEGIN"
    " INSERT INTO search_fts(search_fts, rowid, text) VALUES ('delete', old.id, old.text); END",
    "CREATE TRIGGER search_entries_au AFTER UPDATE ON search_entries BEGIN"
    " INSERT INTO search_fts(search_fts, rowid, text) VALUES ('delete', old.id, old.text);"
    " INSERT INTO search_fts(rowid, text) VALUES (new.id, new.text); END",
]
POSTGRESQL_UPGRADE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX ix_search_entries_text_trgm ON search_entries USING gin (text gin_trgm_ops)",
]


def upgrade():
    op.create_table('search_entries',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=False, nullable=False),
    sa.Column('sort_key', sa.String(length=200), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_search_entries'))
    )
    dialect = op.get_bind().dialect.name
    for statement in SQLITE_UPGRADE if dialect == "sqlite" else POSTGRESQL_UPGRADE:
        op.execute(statement)


def downgrade():
    # The triggers and the GIN index go with the table; pg_trgm stays, other databases may use it.
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE search_fts")
    op.drop_table('search_entries')
