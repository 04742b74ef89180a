"""Merging two records of the same company into one.

The survivor keeps its id; field by field it takes either its own value or the other's.
Everything that points at the other company moves to the survivor: people (their
affiliations), interactions, follow-ups, fair participations, delegation memberships,
visits, led delegations, agreement parties, inquiries, sectors and tags. Where the
survivor already has the same thing (both took part in one fair, both travelled with one
delegation, both signed one agreement) the survivor's is kept, the other's details are
folded into it, and the result says so. The other company is then deleted, and the merge
is recorded as an interaction on the survivor, to be read later.

No commit here: the view commits once.
"""
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask import has_request_context
from flask_babel import gettext

from crm.extensions import db
from crm.models import (
    Agreement,
    Channel,
    Company,
    Delegation,
    DelegationMember,
    FollowUp,
    Inquiry,
    Interaction,
    Meeting,
    MeetingRequest,
    Participant,
    User,
    Visit,
    agreement_parties,
    company_sectors,
    company_tags,
    visit_members,
)
from crm.models.base import utcnow
from crm.services import history

# The fields a person chooses between, in the order the merge page shows them.
MERGE_FIELDS = (
    "name", "name_local", "kind", "city", "country", "size", "website", "email", "phone", "description",
    "offers", "seeks", "cooperation_interests", "status", "source", "owner_id", "office_id",
)
# Foreign keys to companies handled below; any other one found in the metadata is moved
# with a plain UPDATE, so a table added later does not block merging.
HANDLED_FOREIGN_KEYS = {
    ("affiliations", "company_id"), ("interactions", "company_id"), ("follow_ups", "company_id"),
    ("participants", "company_id"), ("delegation_members", "company_id"), ("delegations", "leading_institution_id"),
    ("visits", "host_company_id"), ("agreement_parties", "company_id"), ("inquiries", "company_id"),
    ("company_sectors", "company_id"), ("company_tags", "company_id"),
}


def _(text: str, **variables) -> str:
    """gettext in a request; English outside one (the CLI, tests)."""
    if has_request_context():
        return gettext(text, **variables)
    return text % variables if variables else text


class MergeError(Exception):
    pass


@dataclass
class MergeResult:
    survivor: Company
    merged_id: int
    merged_name: str
    fields_taken: list[str] = field(default_factory=list)
    moved: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    record: Interaction | None = None


def merge_companies(survivor: Company, other: Company, take_from_other: set[str], by: User) -> MergeResult:
    """Merge `other` into `survivor`; `take_from_other` names the fields whose value the
    other company supplies. Returns what moved; the caller commits."""
    if survivor.id is None or other.id is None or survivor.id == other.id:
        raise MergeError("a company can only be merged with another saved company")
    unknown = set(take_from_other) - set(MERGE_FIELDS)
    if unknown:
        raise MergeError(f"unknown fields: {', '.join(sorted(unknown))}")
    result = MergeResult(survivor=survivor, merged_id=other.id, merged_name=other.name)
    for name in MERGE_FIELDS:
        if name in take_from_other and getattr(survivor, name) != getattr(other, name):
            setattr(survivor, name, getattr(other, name))
            result.fields_taken.append(name)

    _move_affiliations(survivor, other, result)
    result.moved["interactions"] = _update(Interaction, Interaction.company_id, other.id, survivor.id)
    result.moved["follow_ups"] = _update(FollowUp, FollowUp.company_id, other.id, survivor.id)
    _move_participations(survivor, other, result)
    _move_delegation_memberships(survivor, other, result)
    result.moved["visits"] = _update(Visit, Visit.host_company_id, other.id, survivor.id)
    result.moved["delegations_led"] = _update(Delegation, Delegation.leading_institution_id, other.id, survivor.id)
    _move_agreements(survivor, other, result)
    result.moved["inquiries"] = _update(Inquiry, Inquiry.company_id, other.id, survivor.id)
    _union_links(company_sectors, survivor, other)
    _union_links(company_tags, survivor, other)
    _move_other_references(survivor, other, result)

    db.session.flush()
    db.session.expire(survivor, ["sectors", "tags", "affiliations"])
    history.soft_delete(other, by.id)  # empty by now; the trash keeps it, restorable
    result.record = Interaction(
        company=survivor,
        author=by,
        office_id=by.office_id,
        occurred_at=utcnow(),
        channel=Channel.OTHER,
        summary=merge_summary(result, by),
    )
    db.session.add(result.record)
    db.session.flush()
    return result


def merge_summary(result: MergeResult, by: User) -> str:
    """The history line: who merged what, which values came from where, what was combined."""
    if result.fields_taken:
        fields = _("fields taken from %(name)s: %(fields)s", name=result.merged_name,
                   fields=", ".join(result.fields_taken))
    else:
        fields = _("all fields kept from %(name)s", name=result.survivor.name)
    moved = ", ".join(f"{count} {kind.replace('_', ' ')}" for kind, count in result.moved.items() if count)
    text = _("Merged with %(name)s (#%(id)s) by %(user)s: %(fields)s.", name=result.merged_name,
             id=result.merged_id, user=by.name, fields=fields)
    if moved:
        text += " " + _("Moved: %(moved)s.", moved=moved)
    for note in result.notes:
        text += " " + note
    return text


def _update(model, column, old_id: int, new_id: int) -> int:
    statement = sa.update(model).where(column == old_id).values({column.key: new_id})
    return db.session.execute(statement, execution_options={"synchronize_session": False}).rowcount or 0


def _move_affiliations(survivor: Company, other: Company, result: MergeResult) -> None:
    """People move with their role; the same person with the same role twice is kept once."""
    existing = {(a.person_id, (a.title or "").strip().lower(), a.ended_on) for a in survivor.affiliations}
    moved = dropped = 0
    for affiliation in list(other.affiliations):
        key = (affiliation.person_id, (affiliation.title or "").strip().lower(), affiliation.ended_on)
        if key in existing:
            other.affiliations.remove(affiliation)  # delete-orphan
            dropped += 1
        else:
            affiliation.company = survivor
            existing.add(key)
            moved += 1
    result.moved["people"] = moved
    if dropped:
        result.notes.append(_("%(count)s affiliations that both companies had were kept once.", count=dropped))


def _move_participations(survivor: Company, other: Company, result: MergeResult) -> None:
    """Fair participations move; when both took part in one event the survivor's is kept,
    with the other's people, meeting requests and meetings."""
    ours = {p.event_id: p for p in db.session.scalars(
        sa.select(Participant).where(Participant.company_id == survivor.id))}
    moved = 0
    for participant in db.session.scalars(sa.select(Participant).where(Participant.company_id == other.id)).all():
        kept = ours.get(participant.event_id)
        if kept is None:
            participant.company_id = survivor.id
            moved += 1
            continue
        for person in participant.people:
            if person not in kept.people:
                kept.people.append(person)
        for name in ("offers", "seeks", "notes"):
            if not getattr(kept, name) and getattr(participant, name):
                setattr(kept, name, getattr(participant, name))
        _repoint_requests(participant.id, kept.id)
        _repoint_meetings(participant.id, kept.id)
        db.session.flush()
        db.session.delete(participant)
        result.notes.append(
            _("Both took part in %(event)s; one participation was kept.", event=participant.event.name)
        )
    result.moved["participations"] = moved


def _repoint_requests(old_id: int, new_id: int) -> None:
    requests = db.session.scalars(
        sa.select(MeetingRequest).where(sa.or_(MeetingRequest.requester_id == old_id,
                                               MeetingRequest.counterpart_id == old_id))
    ).all()
    pairs = set(db.session.execute(
        sa.select(MeetingRequest.requester_id, MeetingRequest.counterpart_id).where(
            sa.or_(MeetingRequest.requester_id == new_id, MeetingRequest.counterpart_id == new_id))
    ).all())
    for request in requests:
        requester = new_id if request.requester_id == old_id else request.requester_id
        counterpart = new_id if request.counterpart_id == old_id else request.counterpart_id
        if requester == counterpart or (requester, counterpart) in pairs:
            db.session.delete(request)  # a request between the two halves, or one the survivor has already
        else:
            request.requester_id, request.counterpart_id = requester, counterpart
            pairs.add((requester, counterpart))


def _repoint_meetings(old_id: int, new_id: int) -> None:
    meetings = db.session.scalars(sa.select(Meeting).where(sa.or_(Meeting.a_id == old_id, Meeting.b_id == old_id)))
    for meeting in meetings.all():
        a = new_id if meeting.a_id == old_id else meeting.a_id
        b = new_id if meeting.b_id == old_id else meeting.b_id
        if a == b:
            db.session.delete(meeting)
        else:
            meeting.a_id, meeting.b_id = a, b


def _move_delegation_memberships(survivor: Company, other: Company, result: MergeResult) -> None:
    ours = {m.delegation_id: m for m in db.session.scalars(
        sa.select(DelegationMember).where(DelegationMember.company_id == survivor.id))}
    moved = 0
    for member in db.session.scalars(sa.select(DelegationMember).where(DelegationMember.company_id == other.id)).all():
        kept = ours.get(member.delegation_id)
        if kept is None:
            member.company_id = survivor.id
            moved += 1
            continue
        for person in member.people:
            if person not in kept.people:
                kept.people.append(person)
        if not kept.interests and member.interests:
            kept.interests = member.interests
        visits_of_kept = set(db.session.scalars(
            sa.select(visit_members.c.visit_id).where(visit_members.c.member_id == kept.id)))
        visits_of_member = db.session.scalars(
            sa.select(visit_members.c.visit_id).where(visit_members.c.member_id == member.id)).all()
        for visit_id in visits_of_member:
            if visit_id not in visits_of_kept:
                db.session.execute(sa.insert(visit_members).values(visit_id=visit_id, member_id=kept.id))
        db.session.flush()
        db.session.delete(member)
        result.notes.append(
            _("Both travelled with %(delegation)s; one membership was kept.", delegation=member.delegation.name)
        )
    result.moved["delegation_memberships"] = moved


def _move_agreements(survivor: Company, other: Company, result: MergeResult) -> None:
    agreements = db.session.scalars(
        sa.select(Agreement).join(agreement_parties).where(agreement_parties.c.company_id == other.id)
    ).all()
    for agreement in agreements:
        agreement.parties.remove(other)
        if survivor not in agreement.parties:
            agreement.parties.append(survivor)
    result.moved["agreements"] = len(agreements)


def _union_links(table: sa.Table, survivor: Company, other: Company) -> None:
    """Sectors or tags: the survivor gets the other's too (each once)."""
    target = [c for c in table.c if c.name != "company_id"][0]
    theirs = set(db.session.scalars(sa.select(target).where(table.c.company_id == other.id)))
    ours = set(db.session.scalars(sa.select(target).where(table.c.company_id == survivor.id)))
    for value in sorted(theirs - ours):
        db.session.execute(sa.insert(table).values({"company_id": survivor.id, target.name: value}))
    db.session.execute(sa.delete(table).where(table.c.company_id == other.id))


def _move_other_references(survivor: Company, other: Company, result: MergeResult) -> None:
    """Tables added after this module: their references move with a plain UPDATE."""
    companies = Company.__table__
    for table in db.metadata.sorted_tables:
        for foreign_key in table.foreign_keys:
            handled = (table.name, foreign_key.parent.name) in HANDLED_FOREIGN_KEYS
            if foreign_key.column.table is not companies or handled:
                continue
            column = foreign_key.parent
            count = db.session.execute(
                sa.update(table).where(column == other.id).values({column.name: survivor.id})
            ).rowcount
            if count:
                result.moved[f"{table.name}.{column.name}"] = count
