"""Import batches: an import recorded so that a manager can undo it, and its failed rows
kept so that they can be downloaded with their errors, fixed and imported again.

    result = importing.apply_plan(plan, decisions, lookups)       # flushed: the records have ids
    batch = record_batch(result, plan, table, filename=name, user=user, now=utcnow())
    report = undo_batch(batch, user, now=utcnow())                 # report.undone, report.kept
    headers, rows = failed_rows(batch)                             # the original cells + "error"

A batch's `changes` are plain JSON, in the order they were made:
{"table": "companies"|"people"|"affiliations", "id": 7, "action": "created"},
{"table": ..., "id": ..., "action": "updated", "before": {field: value}, "after": {...}},
{"table": "sectors"|"tags", "company_id": 7, "id": 3, "action": "linked"}.

Removed companies and people go to the trash, from which a manager can restore them.
Undo leaves alone what changed since: a record edited after the import (its `updated_at`,
or for an update its fields no longer as the import left them), a company or person that
others now refer to (an interaction, a follow-up, a fair, a position the import did not
add), and what is tied to those by the import's own positions. No commit here."""
import enum
from dataclasses import dataclass, field
from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from crm.extensions import db
from crm.models import (
    Affiliation,
    Company,
    Delegation,
    FollowUp,
    ImportBatch,
    Person,
    User,
    company_sectors,
    company_tags,
    delegation_member_people,
    interaction_people,
    participant_people,
)
from crm.services import history
from crm.services.importing import ImportPlan, ImportResult, Table
from crm.services.references import company_references

MODELS = {"companies": Company, "people": Person, "affiliations": Affiliation}
LINKS = {"sectors": (company_sectors, "sector_id"), "tags": (company_tags, "tag_id")}
ERROR_HEADER = "error"


def _json(value):
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def _python(model, name: str, value):
    """A stored JSON value back as the column's Python type (enums by value)."""
    enum_class = getattr(model.__table__.c[name].type, "enum_class", None)
    return enum_class(value) if enum_class is not None and value is not None else value


def record_batch(result: ImportResult, plan: ImportPlan, table: Table, *, filename: str, user: User | None,
                 now: datetime) -> ImportBatch:
    """The batch of an applied (and flushed) import, added to the session."""
    changes = [{"table": record.__tablename__, "id": record.id, "action": "created"}
               for record in result.changes.created]
    changes += [{"table": record.__tablename__, "id": record.id, "action": "updated",
                 "before": {name: _json(old) for name, old in before.items()},
                 "after": {name: _json(getattr(record, name)) for name in before}}
                for record, before in result.changes.updated.items()]
    changes += [{"table": kind, "company_id": company.id, "id": other.id, "action": "linked"}
                for company, kind, other in result.changes.links]
    batch = ImportBatch(
        filename=filename[:255], imported_at=now, imported_by=user, rows=len(plan.rows),
        created_count=len(result.created), updated_count=len(result.updated), skipped_count=len(result.skipped),
        changes=changes, failed=_failed(plan, table),
    )
    db.session.add(batch)
    return batch


def _failed(plan: ImportPlan, table: Table) -> dict | None:
    errors = {row.row: row.errors for row in plan.rows if row.errors}
    if not errors:
        return None
    rows = [{"row": number, "cells": cells,
             "error": "; ".join(f"{e.field}: {e.message}" for e in errors[number])}
            for number, cells in table.rows if number in errors]
    return {"headers": table.headers, "rows": rows}


def failed_rows(batch: ImportBatch) -> tuple[list[str], list[list]]:
    """The rows that failed, as they were in the file, with an error column at the end
    (an unknown column, so the fixed file imports again)."""
    if not batch.failed:
        return [], []
    headers = list(batch.failed["headers"])
    width = len(headers)
    return headers + [ERROR_HEADER], [
        (row["cells"] + [""] * width)[:width] + [row["error"]] for row in batch.failed["rows"]]


@dataclass
class UndoReport:
    undone: int = 0
    kept: list[tuple[str, str]] = field(default_factory=list)  # (record, why it stayed)


def _person_in_use(person_id: int) -> bool:
    """Whether anything but a position refers to the person: a contact, a follow-up, a fair,
    a delegation."""
    uses = [
        sa.select(interaction_people.c.person_id).where(interaction_people.c.person_id == person_id),
        sa.select(FollowUp.person_id).where(FollowUp.person_id == person_id),
        sa.select(participant_people.c.person_id).where(participant_people.c.person_id == person_id),
        sa.select(delegation_member_people.c.person_id).where(delegation_member_people.c.person_id == person_id),
        sa.select(Delegation.head_id).where(Delegation.head_id == person_id),
    ]
    return bool(db.session.scalar(sa.select(sa.exists(sa.union_all(*uses).subquery()))))


class Undo:
    """Decides what of a batch's new records stays (changed or used since, and whatever is
    tied to those by a position the batch added), then removes the rest."""

    def __init__(self, batch: ImportBatch):
        self.batch = batch
        self.report = UndoReport()
        self.records = {}  # (table, id) -> record the batch created and that still exists
        for change in batch.changes:
            if change["action"] == "created":
                record = db.session.get(MODELS[change["table"]], change["id"])
                if record is not None:
                    self.records[(change["table"], change["id"])] = record

    def created_by_batch(self, record) -> bool:
        return (record.__tablename__, record.id) in self.records

    def reason_to_keep(self, record) -> str | None:
        updated_at = getattr(record, "updated_at", None)
        if updated_at is not None and updated_at > self.batch.imported_at:
            return str(_l("changed after the import"))
        if isinstance(record, Company):
            others = [label for kind, label, _url in company_references(record.id) if kind != "people"]
            if others:
                return str(_l("now used: %(places)s", places="; ".join(others)))
        if isinstance(record, (Company, Person)):
            if not all(self.created_by_batch(a) for a in record.affiliations):
                return str(_l("has positions the import did not add"))
        if isinstance(record, Person) and _person_in_use(record.id):
            return str(_l("now named in contacts, follow-ups, fairs or delegations"))
        return None

    def kept(self) -> set:
        """The keys of the new records that stay: those with a reason, and those tied to
        them by the batch's positions (a company keeps its people and their positions)."""
        kept = {key for key, record in self.records.items() if not isinstance(record, Affiliation)
                and self._note(record, self.reason_to_keep(record))}
        grew = True
        while grew:
            grew = False
            for key, record in self.records.items():
                if not isinstance(record, Affiliation) or key in kept:
                    continue
                ends = {("companies", record.company_id), ("people", record.person_id)}
                if ends & kept:
                    kept |= {key} | (ends & self.records.keys())
                    grew = True
        return kept

    def _note(self, record, reason: str | None) -> bool:
        if reason:
            self.report.kept.append((_label(record), reason))
        return bool(reason)

    def remove_created(self, user_id: int | None) -> None:
        """Companies and people go to the trash (restorable), their positions with them; a
        position the batch added between records that stay is deleted."""
        gone = self.records.keys() - self.kept()
        for key in sorted(gone):
            record = self.records[key]
            if key[0] != "affiliations":
                history.soft_delete(record, user_id)
            elif not {("companies", record.company_id), ("people", record.person_id)} & gone:
                db.session.delete(record)
        db.session.flush()
        self.report.undone += len(gone)

    def restore(self, record, change: dict) -> None:
        now = {name: _json(getattr(record, name)) for name in change["before"]}
        if now != change["after"]:
            return self.report.kept.append((_label(record), str(_l("changed after the import"))))
        for name, value in change["before"].items():
            setattr(record, name, _python(type(record), name, value))
        self.report.undone += 1

    def unlink(self, change: dict) -> None:
        table, column = LINKS[change["table"]]
        deleted = db.session.execute(sa.delete(table).where(
            table.c.company_id == change["company_id"], table.c[column] == change["id"])).rowcount
        self.report.undone += bool(deleted)


def undo_batch(batch: ImportBatch, user: User, *, now: datetime) -> UndoReport:
    """Undo what the import wrote, except what changed or came into use since (reported)."""
    undo = Undo(batch)
    with history.operation(f"Undo of the import of {batch.filename}"):
        for change in batch.changes:
            if change["action"] == "updated":
                record = db.session.get(MODELS[change["table"]], change["id"])
                if record is not None:
                    undo.restore(record, change)
            elif change["action"] == "linked":
                undo.unlink(change)
        undo.remove_created(user.id)
    batch.undone_at, batch.undone_by = now, user
    batch.undo_report = [list(item) for item in undo.report.kept]
    return undo.report


def _label(record) -> str:
    if isinstance(record, Affiliation):
        return f"{record.person.name} – {record.company.name}"
    return record.name
