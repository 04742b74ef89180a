"""Data protection for contact people: everything held about one person, and erasure.

`personal_data` gathers what the CRM holds about a person (their fields, organisations,
the interactions they took part in, follow-ups about them, fair participations,
delegations and public inquiries sent from their e-mail address) as plain JSON-ready
values; the JSON download and the readable page show the same dictionary.

`erase_person` anonymises a person on request: the personal fields are cleared and the
name becomes "Erased person #id", so the companies keep their contact history (who met
whom, when, about what) without the person's identity. No commit here: the view commits.
"""
import enum
import re
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from crm.extensions import db
from crm.models import (
    Consent,
    Delegation,
    DelegationMember,
    FollowUp,
    Inquiry,
    Participant,
    Person,
)
from crm.models.delegation import delegation_member_people
from crm.models.event import participant_people
from crm.people.queries import person_history

PERSON_FIELDS = ("id", "name", "name_local", "email", "phone", "wechat_id", "linkedin", "preferred_language",
                 "notes", "consent", "consent_on", "consent_source", "do_not_contact", "erased_at",
                 "created_at", "updated_at")
# Cleared on erasure; the name is replaced, not cleared (it is required).
ERASED_FIELDS = ("name_local", "email", "phone", "wechat_id", "linkedin", "preferred_language", "notes",
                 "consent_on", "consent_source")


def plain(value):
    """A value as JSON has it: dates in ISO 8601 (UTC for times), enums by their value."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    return value


def record(**fields) -> dict:
    return {name: plain(value) for name, value in fields.items()}


def personal_data(person: Person, now: datetime) -> dict:
    """Everything held about `person`, as of `now` (naive UTC)."""
    return {
        "exported_at": plain(now),
        "person": {name: plain(getattr(person, name)) for name in PERSON_FIELDS},
        "affiliations": [
            record(company_id=a.company_id, company=a.company.name, title=a.title, is_primary=a.is_primary,
                   started_on=a.started_on, ended_on=a.ended_on)
            for a in person.affiliations
        ],
        "interactions": [
            record(id=i.id, occurred_at=i.occurred_at, company=i.company.name, channel=i.channel,
                   summary=i.summary, outcome=i.outcome, author=i.author.name)
            for i in db.session.scalars(person_history(person.id))
        ],
        "follow_ups": [
            record(id=f.id, company=f.company.name, next_step=f.next_step, due_on=f.due_on, done_at=f.done_at,
                   outcome_note=f.outcome_note, assignee=f.assignee.name)
            for f in db.session.scalars(follow_ups_about(person.id))
        ],
        "event_participations": [
            record(event_id=p.event_id, event=p.event.name, starts_on=p.event.starts_on,
                   ends_on=p.event.ends_on, company=p.company.name, side=p.side)
            for p in db.session.scalars(participations_of(person.id))
        ],
        "delegations": [
            record(delegation_id=d.id, delegation=d.name, starts_on=d.starts_on, ends_on=d.ends_on,
                   role=role)
            for d, role in delegations_of(person.id)
        ],
        "inquiries": [
            record(id=q.id, received_at=q.created_at, company_name=q.company_name,
                   contact_name=q.contact_name, email=q.email, phone=q.phone, offers=q.offers, seeks=q.seeks,
                   consent_at=q.consent_at, consent_text=q.consent_text)
            for q in db.session.scalars(inquiries_from(person))
        ],
    }


def follow_ups_about(person_id: int) -> sa.Select:
    return (
        sa.select(FollowUp)
        .where(FollowUp.person_id == person_id)
        .options(joinedload(FollowUp.company), joinedload(FollowUp.assignee))
        .order_by(FollowUp.due_on, FollowUp.id)
    )


def participations_of(person_id: int) -> sa.Select:
    return (
        sa.select(Participant)
        .join(participant_people, participant_people.c.participant_id == Participant.id)
        .where(participant_people.c.person_id == person_id)
        .options(joinedload(Participant.event), joinedload(Participant.company))
        .order_by(Participant.id)
    )


def delegations_of(person_id: int) -> list[tuple[Delegation, str]]:
    """The delegations the person led ("head") or travelled with ("member")."""
    member_of = (
        sa.select(DelegationMember.delegation_id)
        .join(delegation_member_people, delegation_member_people.c.member_id == DelegationMember.id)
        .where(delegation_member_people.c.person_id == person_id)
    )
    delegations = db.session.scalars(
        sa.select(Delegation)
        .where(sa.or_(Delegation.head_id == person_id, Delegation.id.in_(member_of)))
        .order_by(Delegation.starts_on, Delegation.id)
    )
    return [(d, "head" if d.head_id == person_id else "member") for d in delegations]


def inquiries_from(person: Person) -> sa.Select:
    """Public inquiries sent from the person's e-mail address (none without one)."""
    if not person.email:
        return sa.select(Inquiry).where(sa.false())
    return sa.select(Inquiry).where(sa.func.lower(Inquiry.email) == person.email.lower()).order_by(Inquiry.id)


@dataclass(frozen=True)
class Erasure:
    texts_scrubbed: int  # interaction and follow-up texts in which the name was replaced
    inquiries: int  # public inquiries anonymised
    positions: int  # affiliations removed


def erased_name(person_id: int) -> str:
    return f"Erased person #{person_id}"


def erase_person(person: Person, now: datetime) -> Erasure:
    """Anonymise `person` in place. Their interactions, follow-ups, fair participations and
    delegations stay with the companies, now linked to "Erased person #id"; where the
    person's name appears in the text of those interactions and follow-ups it is replaced
    too. Positions are removed (a title at a firm can identify someone), and so are the
    contact details of inquiries sent from their e-mail address."""
    label = erased_name(person.id)
    names = [n for n in {person.name, person.name_local} if n and len(n.strip()) >= 2]
    inquiries = list(db.session.scalars(inquiries_from(person)))
    for inquiry in inquiries:
        inquiry.contact_name, inquiry.email, inquiry.phone = label, "", None

    scrubbed = 0
    texts = [(i, ("summary", "outcome")) for i in db.session.scalars(person_history(person.id))]
    texts += [(f, ("next_step", "outcome_note")) for f in db.session.scalars(follow_ups_about(person.id))]
    for obj, fields in texts:
        for field in fields:
            text = getattr(obj, field)
            cleaned = replace_names(text, names, label)
            if cleaned != text:
                setattr(obj, field, cleaned)
                scrubbed += 1

    positions = len(person.affiliations)
    person.affiliations.clear()
    for field in ERASED_FIELDS:
        setattr(person, field, None)
    person.name = label
    person.consent = Consent.UNKNOWN
    person.do_not_contact = True
    person.erased_at = now
    return Erasure(texts_scrubbed=scrubbed, inquiries=len(inquiries), positions=positions)


def replace_names(text: str | None, names: list[str], label: str) -> str | None:
    """`text` with every occurrence of the names (any case) replaced by `label`."""
    if not text or not names:
        return text
    pattern = re.compile("|".join(re.escape(n.strip()) for n in sorted(names, key=len, reverse=True)), re.IGNORECASE)
    return pattern.sub(label, text)


def years_before(moment: datetime, years: int) -> datetime:
    """The same day and time `years` earlier (29 February falls back to the 28th)."""
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:
        return moment.replace(year=moment.year - years, day=28)
