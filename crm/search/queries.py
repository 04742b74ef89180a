"""Queries on the search index: which records match, and the best ones of each kind.

SQLite answers from its FTS5 trigram table alone (MATCH expressions, with the kind's range of
rowids, see crm/models/search.py), PostgreSQL through pg_trgm's GIN index, which serves
LIKE '%...%' on the text column. Either way the index picks the candidates and no query scans
every row. Nor does any sort every match: only the exact and prefix matches are put in name
order; the rest follow in the order of the index, and counting stops at COUNT_CAP, so that a
broad query ('gmbh', 'li') costs no more than a narrow one.
"""
import sqlalchemy as sa

from crm.extensions import db
from crm.models.search import KIND_BASE, KIND_NUMBERS, SearchEntry, kind_range, search_fts
from crm.services.search_text import Query

COUNT_CAP = 100


def _fts_any(patterns) -> str:
    return "(" + " OR ".join('"' + pattern.replace('"', '""') + '"' for pattern in patterns) + ")"


def _like(pattern: str) -> sa.BindParameter:
    """'%pattern%' with the user's % and _ taken literally, written into the SQL (safely quoted) rather
    than bound, so PostgreSQL plans each search for its pattern: a plan made for any pattern could
    not know that pg_trgm's index serves it."""
    escaped = pattern.replace("/", "//").replace("%", "/%").replace("_", "/_")
    return sa.bindparam(None, f"%{escaped}%", type_=sa.Text, literal_execute=True)


def _contains_any(patterns) -> sa.ColumnElement[bool]:
    return sa.or_(*(SearchEntry.text.like(_like(pattern), escape="/") for pattern in patterns))


def _sqlite() -> bool:
    return db.session.get_bind().dialect.name == "sqlite"


def _fts_hits(kind: str, required, excluded=()) -> sa.Select:
    first, last = kind_range(kind)
    expression = " AND ".join(map(_fts_any, required))
    if excluded:
        expression = f"({expression}) NOT {_fts_any(excluded)}"
    rowid = search_fts.c.rowid
    return sa.select(rowid.label("id")).where(search_fts.c.text.match(expression), rowid.between(first, last))


def holding(kind: str, required, excluded=()) -> sa.ColumnElement[bool]:
    """The condition on SearchEntry: of this kind, holding one pattern of each group in `required`
    and none of `excluded`. (On PostgreSQL the kind is tested in a way the id index cannot serve,
    so that the planner reaches for the trigram index rather than read a kind's whole id range.)"""
    if _sqlite():
        return SearchEntry.id.in_(_fts_hits(kind, required, excluded))
    condition = sa.and_(*map(_contains_any, required), SearchEntry.id // KIND_BASE == KIND_NUMBERS[kind])
    if excluded:
        condition = sa.and_(condition, sa.not_(_contains_any(excluded)))
    return condition


def hits(kind: str, required, excluded=()) -> sa.Select:
    """Ids of the entries of one kind holding one pattern of each group in `required` and none
    of `excluded`: on SQLite from the FTS5 table alone."""
    if _sqlite():
        return _fts_hits(kind, required, excluded)
    return sa.select(SearchEntry.id).where(holding(kind, required, excluded))


def matching_ids(kind: str, query: Query) -> sa.Select:
    """Ids of the records of one kind that match, for `Model.id.in_(...)`."""
    found = hits(kind, query.terms).subquery()
    return sa.select(found.c.id % KIND_BASE)


def capped_count(kind: str, query: Query) -> sa.Select:
    """The number of matches of a kind, counted up to COUNT_CAP + 1 (shown as '100+')."""
    found = hits(kind, query.terms).limit(COUNT_CAP + 1).subquery()
    return sa.select(sa.func.count()).select_from(found)


def leading(kind: str, query: Query, limit: int) -> sa.Select:
    """Ids of the exact matches, then the prefix matches, each in name order.

    A prefix match holds every word of the query, so it needs only the prefix patterns."""
    exact = sa.case((holding(kind, (tuple(query.exact_patterns()),)), 0), else_=1)
    return (
        sa.select(SearchEntry.id % KIND_BASE)
        .where(holding(kind, (tuple(query.prefix_patterns()),)))
        .order_by(exact, SearchEntry.sort_key, SearchEntry.id)
        .limit(limit)
    )


def following(kind: str, query: Query, limit: int) -> sa.Select:
    """Ids of the other matches, in the order of the index: rowid order from FTS5 (which costs
    no sort there), table order on PostgreSQL (where ORDER BY id would make the planner walk the
    id index past every row that does not match)."""
    found = hits(kind, query.terms, excluded=query.prefix_patterns())
    if _sqlite():
        found = found.order_by("id")
    found = found.limit(limit).subquery()
    return sa.select(found.c.id % KIND_BASE)


def best_match_ids(query: Query, kinds, per_kind: int) -> dict[str, tuple[list[int], int]]:
    """For each kind with a match: the first `per_kind` record ids, best first, and the number
    of matches (up to COUNT_CAP + 1)."""
    best = {}
    for kind in kinds:
        total = db.session.scalar(capped_count(kind, query))
        if not total:
            continue
        ids = list(db.session.scalars(leading(kind, query, per_kind)))
        if len(ids) < per_kind:
            ids += db.session.scalars(following(kind, query, per_kind - len(ids)))
        best[kind] = (ids, total)
    return best
