"""Queries on the search index: which entries match, and the best matches of each kind.

SQLite answers through its FTS5 trigram table (one MATCH expression), PostgreSQL through
pg_trgm's GIN index, which serves LIKE '%...%' on the text column. Either way the index
picks the candidates; no query scans every row.
"""
import sqlalchemy as sa

from crm.extensions import db
from crm.models.search import SearchEntry, search_fts
from crm.services.search_text import Query


def _fts_phrase(pattern: str) -> str:
    return '"' + pattern.replace('"', '""') + '"'


def fts_expression(query: Query) -> str:
    """FTS5 query syntax: every term, each in any of its spellings."""
    return " AND ".join("(" + " OR ".join(map(_fts_phrase, term)) + ")" for term in query.terms)


def _contains_any(patterns) -> sa.ColumnElement[bool]:
    return sa.or_(*(SearchEntry.text.contains(pattern, autoescape=True) for pattern in patterns))


def matching(query: Query) -> sa.ColumnElement[bool]:
    """The condition on SearchEntry that the query matches."""
    if db.session.get_bind().dialect.name == "sqlite":
        hits = sa.select(search_fts.c.rowid).where(search_fts.c.text.match(fts_expression(query)))
        return SearchEntry.id.in_(hits)
    return sa.and_(*(_contains_any(term) for term in query.terms))


def rank(query: Query) -> sa.ColumnElement[int]:
    """0 for an exact match of a whole name (or address or number), 1 for a prefix, 2 for the rest."""
    return sa.case(
        (_contains_any(query.exact_patterns()), 0),
        (_contains_any(query.prefix_patterns()), 1),
        else_=2,
    )


def matching_ids(kind: str, query: Query) -> sa.Select:
    """Ids of the records of one kind that match, for `Model.id.in_(...)`."""
    return sa.select(SearchEntry.record_id).where(SearchEntry.kind == kind, matching(query))


def best_matches(query: Query, per_kind: int) -> sa.Select:
    """Rows (kind, record_id, total): the first `per_kind` matches of each kind, best first,
    with the number of matches of that kind."""
    order = (rank(query), SearchEntry.sort_key, SearchEntry.id)
    ranked = (
        sa.select(
            SearchEntry.kind,
            SearchEntry.record_id,
            sa.func.row_number().over(partition_by=SearchEntry.kind, order_by=order).label("position"),
            sa.func.count().over(partition_by=SearchEntry.kind).label("total"),
        )
        .where(matching(query))
        .subquery()
    )
    return (
        sa.select(ranked.c.kind, ranked.c.record_id, ranked.c.total)
        .where(ranked.c.position <= per_kind)
        .order_by(ranked.c.kind, ranked.c.position)
    )
