"""Keeping the search index in step with the records.

A flush listener rewrites the entry of every company, person, event and delegation the
flush added or changed and removes the entry of every one it deleted, in the same
transaction. Rows written around the ORM (bulk inserts, raw SQL) are not seen: after
those, `crm search-reindex` rebuilds the whole index.

To index more of a record (issue 11's alternative names of a company, say), add it to the
record's document below; when it lives in another table, also mark the record changed
when that table changes (or run the reindex).
"""
from collections.abc import Callable, Iterable

import sqlalchemy as sa
from sqlalchemy.orm import Session

from crm.models import Company, Delegation, Event, Person, SearchEntry
from crm.models.search import entry_id
from crm.services.normalise import fold
from crm.services.search_text import document

BATCH = 2000


def company_document(company: Company) -> str:
    """Its names in every script and form (alternative names such as "JIER" too), web and mail domains, phone."""
    return document(names=[company.name, company.name_local, *(a.name for a in company.alternative_names)],
                    addresses=[company.website, company.email], phones=[company.phone])


def person_document(person: Person) -> str:
    return document(names=[person.name, person.name_local], addresses=[person.email], phones=[person.phone])


def event_document(event: Event) -> str:
    return document(names=[event.name, event.city, event.venue])


def delegation_document(delegation: Delegation) -> str:
    return document(names=[delegation.name, delegation.host_cities])


# Each indexed model: its kind in the index and how its search text is made.
INDEXED: dict[type, tuple[str, Callable[..., str]]] = {
    Company: ("company", company_document),
    Person: ("person", person_document),
    Event: ("event", event_document),
    Delegation: ("delegation", delegation_document),
}


def entry(record) -> dict:
    kind, make_document = INDEXED[type(record)]
    return {"id": entry_id(kind, record.id), "sort_key": fold(record.name)[:200], "text": make_document(record)}


def _indexed(records: Iterable) -> list:
    return [record for record in records if type(record) in INDEXED]


def sync_flushed(session: Session, _flush_context) -> None:
    """after_flush: the session's new, dirty and deleted lists still show what was flushed."""
    changed = _indexed(session.new) + _indexed(session.dirty)
    stale = changed + _indexed(session.deleted)
    changed = [record for record in changed if getattr(record, "deleted_at", None) is None]  # the trash is not searched
    if not stale:
        return
    connection = session.connection()
    ids = [entry_id(INDEXED[type(record)][0], record.id) for record in stale]
    connection.execute(sa.delete(SearchEntry).where(SearchEntry.id.in_(ids)))
    if changed:
        connection.execute(sa.insert(SearchEntry), [entry(record) for record in changed])


def keep_in_sync(session) -> None:
    if not sa.event.contains(session, "after_flush", sync_flushed):
        sa.event.listen(session, "after_flush", sync_flushed)


def reindex(session: Session) -> dict[str, int]:
    """Rebuild the whole index; returns the number of entries of each kind."""
    session.execute(sa.delete(SearchEntry))
    counts = {}
    for model, (kind, _) in INDEXED.items():
        counts[kind] = 0
        rows = session.scalars(sa.select(model).order_by(model.id).execution_options(yield_per=BATCH))
        for batch in rows.partitions():
            session.execute(sa.insert(SearchEntry), [entry(record) for record in batch])
            counts[kind] += len(batch)
    session.execute(sa.text("ANALYZE search_entries"))  # fresh statistics for the planner
    return counts
