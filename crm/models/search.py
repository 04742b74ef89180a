"""The search index: one row of normalised search text per company, person, event and delegation.

The application writes the rows (crm/search/index.py); each database indexes them with its own
trigram machinery, which lives outside the models because the other database has no such thing:

- SQLite: an FTS5 table with the trigram tokenizer over the rows (external content), kept in
  step with `search_entries` by three triggers;
- PostgreSQL: a GIN index with pg_trgm's trigram operator class on `search_entries.text`.

Both are created with the table (create_all in tests, the migration elsewhere) and left out of
the comparison of models and migrations by `include_in_comparison`.
"""
import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from crm.extensions import db

FTS_TABLE = "search_fts"
TRIGRAM_INDEX = "ix_search_entries_text_trgm"


# Each kind of record has its own range of entry ids: kind number * KIND_BASE + record id. The FTS5
# table returns the id as its rowid, and a rowid range is something FTS5 can seek to, so a query
# for one kind reads only that kind's part of the index and needs no other column.
KIND_NUMBERS = {"company": 1, "person": 2, "event": 3, "delegation": 4}
KIND_BASE = 1 << 32


def entry_id(kind: str, record_id: int) -> int:
    return KIND_NUMBERS[kind] * KIND_BASE + record_id


def kind_range(kind: str) -> tuple[int, int]:
    """The first and last entry id a kind can have."""
    first = KIND_NUMBERS[kind] * KIND_BASE
    return first, first + KIND_BASE - 1


class SearchEntry(db.Model):
    __tablename__ = "search_entries"

    # INTEGER on SQLite, so the id is the rowid (64 bits there) that FTS5 refers to.
    id: Mapped[int] = mapped_column(sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True,
                                    autoincrement=False)
    sort_key: Mapped[str] = mapped_column(sa.String(200))  # the folded name, to order equal ranks
    text: Mapped[str] = mapped_column(sa.Text)


# The FTS5 table as queries see it; not part of db.metadata, so create_all leaves it to the DDL below.
search_fts = sa.Table(FTS_TABLE, sa.MetaData(), sa.Column("rowid", sa.Integer), sa.Column("text", sa.Text))

SQLITE_DDL = [
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(text, content='search_entries', content_rowid='id',"
    " tokenize='trigram')",
    f"CREATE TRIGGER search_entries_ai AFTER INSERT ON search_entries BEGIN"
    f" INSERT INTO {FTS_TABLE}(rowid, text) VALUES (new.id, new.text); END",
    f"CREATE TRIGGER search_entries_ad AFTER DELETE ON search_entries BEGIN"
    f" INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, text) VALUES ('delete', old.id, old.text); END",
    f"CREATE TRIGGER search_entries_au AFTER UPDATE ON search_entries BEGIN"
    f" INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, text) VALUES ('delete', old.id, old.text);"
    f" INSERT INTO {FTS_TABLE}(rowid, text) VALUES (new.id, new.text); END",
]
POSTGRESQL_DDL = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    f"CREATE INDEX {TRIGRAM_INDEX} ON search_entries USING gin (text gin_trgm_ops)",
]

for _statement in SQLITE_DDL:
    sa.event.listen(SearchEntry.__table__, "after_create", sa.DDL(_statement).execute_if(dialect="sqlite"))
for _statement in POSTGRESQL_DDL:
    sa.event.listen(SearchEntry.__table__, "after_create", sa.DDL(_statement).execute_if(dialect="postgresql"))
# The triggers go with their table; the FTS5 table must go by itself.
sa.event.listen(
    SearchEntry.__table__, "before_drop", sa.DDL(f"DROP TABLE IF EXISTS {FTS_TABLE}").execute_if(dialect="sqlite")
)


def include_in_comparison(name: str | None, type_: str, _parent_names) -> bool:
    """Alembic's `include_name` hook: skip the FTS5 table (and its shadow tables) and the
    pg_trgm index when comparing database and models, as the models cannot describe them."""
    if type_ == "table":
        return not (name and name.startswith(FTS_TABLE))
    return not (type_ == "index" and name == TRIGRAM_INDEX)
