"""History, trash and optimistic locking for every `Audited` model, at the session level.

    install(db.session, actor)          once, from crm/audit.py
    with operation("Merged companies"): several changes, one label and operation id in the log
    soft_delete(record, user_id)        move to the trash (with its dependents)
    restore(record)                     bring it back with its dependents trashed along with it
    purge(record)                       delete for good (admins); the audit log keeps its last state
    changes_since(record, version)      what others changed after the version a form was filled from

No view writes an audit entry: `after_flush` compares each audited object's attribute
history and inserts one row per created, changed, trashed, restored or purged record.
Rows in the trash are hidden from every ORM SELECT (lists, searches, counts, exports,
relationship loads) unless the statement has the `include_deleted` execution option.
"""
import enum
import functools
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import RelationshipDirection, Session, with_loader_criteria

from crm.extensions import db
from crm.models import AuditAction, Audited, AuditEntry, Company, FollowUp, Interaction, SoftDeletable
from crm.models.base import utcnow

INCLUDE_DELETED = {"include_deleted": True}
MERGEABLE = (AuditAction.CREATE, AuditAction.UPDATE)
# What goes to the trash together with a record, so that restoring it brings them back.
TRASHED_WITH = {
    Company: ((Interaction, Interaction.company_id), (FollowUp, FollowUp.company_id)),
}

# (id, label) of the operation under way in this context, if any.
_operation: ContextVar[tuple[str, str] | None] = ContextVar("audit_operation", default=None)

Actor = Callable[[], tuple[int | None, str]]  # () -> (user id or None, origin: web, cli or system)
_actor: list[Actor] = [lambda: (None, "system")]


@contextmanager
def operation(label: str) -> Iterator[str]:
    """Group the changes flushed inside the block under one label and operation id.
    Nested blocks join the outer operation."""
    current = _operation.get()
    if current is not None:
        yield current[0]
        return
    token = _operation.set((str(uuid.uuid4()), label[:200]))
    try:
        yield _operation.get()[0]
    finally:
        _operation.reset(token)


def install(session, actor: Actor) -> None:
    """Register the listeners on a session, scoped session or sessionmaker (once;
    a second app on the same session only replaces the actor)."""
    _actor[0] = actor
    if sa.event.contains(session, "do_orm_execute", _hide_deleted):
        return
    sa.event.listen(session, "do_orm_execute", _hide_deleted)
    sa.event.listen(session, "before_flush", _touch_collection_changes)
    sa.event.listen(session, "after_flush", _record)
    sa.event.listen(session, "after_commit", _forget_written)
    sa.event.listen(session, "after_soft_rollback", _forget_written)


def _hide_deleted(state) -> None:
    if not state.is_select or state.is_column_load or state.execution_options.get("include_deleted"):
        return
    state.statement = state.statement.options(
        with_loader_criteria(SoftDeletable, lambda cls: cls.deleted_at.is_(None), include_aliases=True)
    )


# --- recording -------------------------------------------------------------------------------------------------------

def entity_type(record_or_class) -> str:
    return record_or_class.__tablename__


def label_of(record) -> str:
    return str(record)[:300]


def serialise(value):
    """A value as JSON: dates as ISO text, enums by value, anything else unusual as text."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [serialise(item) for item in value]
    return str(value)


@functools.cache
def _foreign_key_targets(mapper) -> dict[str, type]:
    """{column attribute: related class} for the many-to-one links, to log names, not ids."""
    targets = {}
    for prop in mapper.relationships:
        if prop.direction is RelationshipDirection.MANYTOONE and len(prop.local_columns) == 1:
            column = next(iter(prop.local_columns))
            targets[mapper.get_property_by_column(column).key] = prop.mapper.class_
    return targets


def _related_label(session: Session, cls: type, key) -> str | None:
    if key is None:
        return None
    related = session.get(cls, key, execution_options=INCLUDE_DELETED)
    return label_of(related) if related is not None else f"#{key}"


def _changes(session: Session, record, snapshot: bool) -> dict:
    """{field: [old, new]} of what the flush changes; `snapshot` lists every field's
    current value (as new for a created record, as old for a purged one)."""
    state = sa.inspect(record)
    mapper = state.mapper
    targets = _foreign_key_targets(mapper)
    changes = {}
    for attr in mapper.column_attrs:
        if attr.key in record.audit_ignore or attr.columns[0].primary_key:
            continue
        history = state.attrs[attr.key].history
        if snapshot:
            loaded = history.added or history.unchanged
            old, new = None, loaded[0] if loaded else None
        elif history.has_changes():
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
        else:
            continue
        if attr.key in targets:
            old, new = (_related_label(session, targets[attr.key], v) for v in (old, new))
        old, new = serialise(old), serialise(new)
        if old != new:
            changes[attr.key] = [old, new]
    for prop in mapper.relationships:
        if prop.secondary is None or not prop.uselist:
            continue
        history = state.attrs[prop.key].history
        if snapshot or history.has_changes():
            kept = list(history.unchanged or ())
            old = sorted(label_of(item) for item in kept + list(history.deleted or ()))
            new = sorted(label_of(item) for item in kept + list(history.added or ()))
            if snapshot:
                old, new = None, new or None
            if old != new:
                changes[prop.key] = [old, new]
    return changes


def _touch_collection_changes(session: Session, _context, _instances) -> None:
    """A change to a many-to-many list alone updates no row; touch the record so its
    version still goes up and a concurrent edit is still detected."""
    for record in session.dirty:
        if isinstance(record, Audited) and _list_changed(record) and not _column_changed(record):
            record.updated_at = utcnow()


def _column_changed(record) -> bool:
    state = sa.inspect(record)
    return any(state.attrs[attr.key].history.has_changes() for attr in state.mapper.column_attrs)


def _list_changed(record) -> bool:
    """Whether a many-to-many list (tags, sectors, people, parties) changed: those are history."""
    state = sa.inspect(record)
    return any(state.attrs[prop.key].history.has_changes()
               for prop in state.mapper.relationships if prop.secondary is not None and prop.uselist)


def _record(session: Session, _context) -> None:
    rows = []
    for record in session.new:
        if isinstance(record, Audited):
            rows.append((record, AuditAction.CREATE, _changes(session, record, snapshot=True)))
    for record in session.dirty:
        if isinstance(record, Audited) and session.is_modified(record):
            rows.append((record, _update_action(record), _changes(session, record, snapshot=False)))
    for record in session.deleted:
        if isinstance(record, Audited):
            action = AuditAction.PURGE if isinstance(record, SoftDeletable) else AuditAction.DELETE
            changes = {key: [new, old] for key, (old, new) in _changes(session, record, snapshot=True).items()}
            rows.append((record, action, changes))
    rows = [row for row in rows if row[2] or row[1] is not AuditAction.UPDATE]
    if not rows:
        return
    user_id, origin = _actor[0]()
    operation_id, operation_label = _operation.get() or (None, None)
    at = utcnow()
    # One entry per record and transaction, however many flushes a save takes (autoflush).
    written = session.info.setdefault("audit_written", {})
    table = AuditEntry.__table__
    new_entries = []
    for record, action, changes in rows:
        key = (entity_type(record), record.id)
        earlier = written.get(key)
        if earlier is not None and action is AuditAction.UPDATE and earlier[1] in MERGEABLE:
            entry_id, earlier_action, merged = earlier
            merged = _merge_changes(merged, changes, keep_unchanged=earlier_action is AuditAction.CREATE)
            if merged or earlier_action is AuditAction.CREATE:
                session.connection().execute(sa.update(table).where(table.c.id == entry_id).values(
                    changes=merged, version=record.version, entity_label=label_of(record)))
                written[key] = (entry_id, earlier_action, merged)
            else:  # changed and changed back: nothing to tell
                session.connection().execute(sa.delete(table).where(table.c.id == entry_id))
                del written[key]
            continue
        parent = record.audit_parent()
        new_entries.append((key, action, changes, {
            "at": at, "user_id": user_id, "origin": origin, "action": action,
            "entity_type": key[0], "entity_id": key[1], "entity_label": label_of(record),
            "parent_type": parent[0] if parent else None, "parent_id": parent[1] if parent else None,
            "version": record.version, "changes": changes,
            "operation_id": operation_id, "operation_label": operation_label,
        }))
    if new_entries:
        ids = session.connection().execute(
            sa.insert(table).returning(table.c.id, sort_by_parameter_order=True), [row[3] for row in new_entries]
        ).scalars().all()
        for entry_id, (key, action, changes, _values) in zip(ids, new_entries):
            written[key] = (entry_id, action, changes)


def _merge_changes(earlier: dict, later: dict, keep_unchanged: bool) -> dict:
    merged = {name: list(pair) for name, pair in earlier.items()}
    for name, (old, new) in later.items():
        merged[name] = [merged[name][0], new] if name in merged else [old, new]
    return {name: pair for name, pair in merged.items() if keep_unchanged or pair[0] != pair[1]}


def _forget_written(session: Session, *_args) -> None:
    session.info.pop("audit_written", None)


def _update_action(record) -> AuditAction:
    if not isinstance(record, SoftDeletable):
        return AuditAction.UPDATE
    history = sa.inspect(record).attrs.deleted_at.history
    if not history.has_changes():
        return AuditAction.UPDATE
    return AuditAction.DELETE if record.deleted_at is not None else AuditAction.RESTORE


# --- trash -----------------------------------------------------------------------------------------------------------

class TrashError(Exception):
    """A restore or purge that would leave the records inconsistent.

    `reason` is "parent_in_trash" (restore that first), "in_use" or "not_in_trash";
    `record` and `other` are the labels the message names."""

    def __init__(self, reason: str, record: str, other: str | None = None):
        super().__init__(reason, record, other)
        self.reason, self.record, self.other = reason, record, other


def audited_models() -> dict[str, type]:
    """{entity type: model} of every audited model."""
    return {
        mapper.class_.__tablename__: mapper.class_
        for mapper in db.Model.registry.mappers if issubclass(mapper.class_, Audited)
    }


def trash_models() -> dict[str, type]:
    return {name: cls for name, cls in audited_models().items() if issubclass(cls, SoftDeletable)}


def load_any(cls: type, record_id: int):
    """The record whether or not it is in the trash, or None."""
    return db.session.get(cls, record_id, execution_options=INCLUDE_DELETED)


def soft_delete(record, user_id: int | None) -> list:
    """Move the record and what goes with it (TRASHED_WITH) to the trash; returns them all."""
    together = [record]
    for cls, column in TRASHED_WITH.get(type(record), ()):
        together += db.session.scalars(sa.select(cls).where(column == record.id)).all()
    now = utcnow()
    with operation(label_of(record)):
        for item in together:
            item.deleted_at, item.deleted_by_id = now, user_id
        db.session.flush()
    return together


def restore(record) -> list:
    """Bring the record back with its dependents (interactions of a company...) that were
    trashed in the same operation; returns them all. Refused while a record it belongs to
    is still in the trash."""
    together = [record]
    last = db.session.scalar(
        sa.select(AuditEntry).where(
            AuditEntry.entity_type == entity_type(record), AuditEntry.entity_id == record.id,
            AuditEntry.action == AuditAction.DELETE,
        ).order_by(AuditEntry.id.desc()).limit(1)
    )
    if last is not None and last.operation_id:
        models = trash_models()
        for kind, entity_id in db.session.execute(
            sa.select(AuditEntry.entity_type, AuditEntry.entity_id).where(
                AuditEntry.operation_id == last.operation_id, AuditEntry.action == AuditAction.DELETE,
                AuditEntry.parent_type == entity_type(record), AuditEntry.parent_id == record.id,
            ).order_by(AuditEntry.id)
        ):
            item = load_any(models[kind], entity_id) if kind in models else None
            if item is not None and item.is_deleted and item not in together:
                together.append(item)
    for item in together:
        for parent in _trashed_parents(item):
            if parent not in together:
                raise TrashError("parent_in_trash", label_of(item), label_of(parent))
    with operation(label_of(record)):
        for item in together:
            item.deleted_at, item.deleted_by_id = None, None
        db.session.flush()
    return together


def _trashed_parents(record) -> Iterator:
    mapper = sa.inspect(record).mapper
    for prop in mapper.relationships:
        if prop.direction is RelationshipDirection.MANYTOONE and issubclass(prop.mapper.class_, SoftDeletable):
            column = next(iter(prop.local_columns))
            key = getattr(record, mapper.get_property_by_column(column).key)
            parent = load_any(prop.mapper.class_, key) if key is not None else None
            if parent is not None and parent.is_deleted:
                yield parent


def purge(record) -> list:
    """Delete a trashed record for good, with its dependents that are in the trash too.
    The audit log keeps each one's last values. Refused while live records still use it."""
    if not record.is_deleted:
        raise TrashError("not_in_trash", label_of(record))
    doomed = []
    for cls, column in TRASHED_WITH.get(type(record), ()):
        doomed += db.session.scalars(
            sa.select(cls).where(column == record.id, cls.deleted_at.is_not(None)), execution_options=INCLUDE_DELETED
        ).all()
    doomed.append(record)
    label = label_of(record)
    try:
        with operation(label), db.session.begin_nested():
            for item in doomed:
                db.session.delete(item)
            db.session.flush()
    except sa.exc.IntegrityError as error:
        raise TrashError("in_use", label) from error
    return doomed


# --- optimistic locking ----------------------------------------------------------------------------------------------

@dataclass
class StaleEdit(Exception):
    """The record changed after the form was filled; `entries` are the changes in between."""

    entries: list


def changes_since(record, version: int) -> list:
    """The audit entries of the record written after `version`, oldest first."""
    return db.session.scalars(
        sa.select(AuditEntry).where(
            AuditEntry.entity_type == entity_type(record), AuditEntry.entity_id == record.id,
            AuditEntry.version > version,
        ).order_by(AuditEntry.id)
    ).all()


def check_version(record, submitted: int | None) -> None:
    """Raise StaleEdit when the form was filled from an older version than the record's."""
    if record.id is not None and submitted is not None and submitted != record.version:
        raise StaleEdit(changes_since(record, submitted))


# --- reading ---------------------------------------------------------------------------------------------------------

def history_of(record) -> sa.Select:
    """The record's audit entries and those of the records shown on its page (a company's
    interactions and follow-ups, an event's meetings), newest first."""
    kind = entity_type(record)
    return sa.select(AuditEntry).where(sa.or_(
        sa.and_(AuditEntry.entity_type == kind, AuditEntry.entity_id == record.id),
        sa.and_(AuditEntry.parent_type == kind, AuditEntry.parent_id == record.id),
    )).order_by(AuditEntry.id.desc())
