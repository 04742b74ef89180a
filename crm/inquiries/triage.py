"""Triage of website inquiries: probable existing companies, accepting (company, person,
history entry and follow-up in one go) and rejecting. Adds to the session, never commits."""
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask_babel import force_locale, get_babel
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload

from crm.extensions import db
from crm.models import (
    Affiliation,
    Channel,
    Company,
    ContactSource,
    FollowUp,
    Inquiry,
    InquiryStatus,
    Interaction,
    Office,
    Person,
    PipelineStatus,
    Role,
    Sector,
    User,
)
from crm.services import dedupe
from crm.services.followups import plan_follow_up
from crm.services.importing import existing_company_records

# The answer is due this many days after accepting, in the answering office's calendar.
ANSWER_WITHIN = timedelta(days=3)


class AlreadyHandled(ValueError):
    """Someone accepted or rejected the inquiry first."""


@dataclass(frozen=True)
class ProbableMatch:
    """An existing company the inquiry probably comes from, with dedupe's score and reasons."""

    company: Company
    score: float
    reasons: list[dedupe.Reason] = field(default_factory=list)


@dataclass(frozen=True)
class Acceptance:
    company: Company
    person: Person
    interaction: Interaction
    follow_up: FollowUp
    new_company: bool


def probable_matches(inquiry: Inquiry) -> list[ProbableMatch]:
    """Existing companies with a similar name or the e-mail's domain (free-mail domains never count), best first."""
    candidate = dedupe.Record(key="inquiry", name=inquiry.company_name, emails=(inquiry.email,))
    matches = dedupe.find_duplicates([candidate], existing_company_records())
    if not matches:
        return []
    companies = {
        company.id: company
        for company in db.session.scalars(
            sa.select(Company)
            .where(Company.id.in_([m.existing for m in matches]))
            .options(joinedload(Company.office), joinedload(Company.owner))
        )
    }
    return [ProbableMatch(companies[m.existing], m.score, m.reasons) for m in matches if m.existing in companies]


def person_with_email(email: str) -> Person | None:
    """The person already on file with this e-mail (any case), the oldest if several."""
    return db.session.scalar(
        sa.select(Person).where(sa.func.lower(Person.email) == email.strip().lower()).order_by(Person.id).limit(1)
    )


def office_manager(office: Office) -> User | None:
    """The office's first active manager (the longest-serving account)."""
    return db.session.scalar(
        sa.select(User)
        .where(User.office_id == office.id, User.role == Role.MANAGER, User.active.is_(True))
        .order_by(User.id)
        .limit(1)
    )


def office_today(office: Office, now: datetime | None = None) -> date:
    """The date in the office's own time zone (`now` aware; default: this instant)."""
    zone = ZoneInfo(office.timezone or "UTC")
    return (now.astimezone(zone) if now else datetime.now(zone)).date()


def claim(inquiry: Inquiry, status: InquiryStatus, user: User, now: datetime) -> None:
    """Mark a new inquiry handled, in one UPDATE that only succeeds while it is still new:
    two managers triaging at once cannot both accept it."""
    result = db.session.execute(
        sa.update(Inquiry)
        .where(Inquiry.id == inquiry.id, Inquiry.status == InquiryStatus.NEW)
        .values(status=status, handled_by_id=user.id, handled_at=now)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        db.session.refresh(inquiry)
        raise AlreadyHandled(inquiry.id)
    inquiry.status, inquiry.handled_by, inquiry.handled_at = status, user, now


def reject_inquiry(inquiry: Inquiry, user: User, now: datetime) -> None:
    """Reject as spam; the inquiry is kept."""
    claim(inquiry, InquiryStatus.REJECTED, user, now)


def history_summary(inquiry: Inquiry, user: User) -> str:
    """The history line, in the accepting user's language setting, else the default one (stored text)."""
    with force_locale(user.language or str(get_babel().default_locale)):
        lines = [_("Inquiry received via the website from %(name)s <%(email)s>.",
                   name=inquiry.contact_name, email=inquiry.email)]
        if inquiry.sector:
            lines.append(_("Sector: %(sector)s", sector=inquiry.sector))
        if inquiry.offers:
            lines.append(_("Offers: %(text)s", text=inquiry.offers))
        if inquiry.seeks:
            lines.append(_("Seeks: %(text)s", text=inquiry.seeks))
        return "\n".join(lines)


def next_step_text(user: User) -> str:
    with force_locale(user.language or str(get_babel().default_locale)):
        return _("Answer the website inquiry")


def new_company(inquiry: Inquiry, office: Office, owner: User, sectors: Sequence[Sector]) -> Company:
    return Company(
        name=inquiry.company_name.strip(),
        country=inquiry.country,
        offers=inquiry.offers,
        seeks=inquiry.seeks,
        status=PipelineStatus.NEW,
        source=ContactSource.WEBSITE,
        office=office,
        owner=owner,
        sectors=list(sectors),
    )


def fill_gaps(company: Company, inquiry: Inquiry) -> None:
    """An existing company keeps what it has; empty fields take the inquiry's values."""
    for name in ("country", "offers", "seeks"):
        if not getattr(company, name) and getattr(inquiry, name):
            setattr(company, name, getattr(inquiry, name))


def contact_person(inquiry: Inquiry, company: Company) -> Person:
    """The person on file with the inquiry's e-mail, else a new one; affiliated with the
    company (primary) unless they already work there."""
    person = person_with_email(inquiry.email)
    if person is None:
        person = Person(name=inquiry.contact_name.strip(), email=inquiry.email.strip().lower(), phone=inquiry.phone)
        db.session.add(person)
    elif inquiry.phone and not person.phone:
        person.phone = inquiry.phone
    if not works_at(person, company):
        db.session.add(Affiliation(person=person, company=company, is_primary=True))
    return person


def works_at(person: Person, company: Company) -> bool:
    """A current affiliation exists already (never for a new person or company)."""
    if person.id is None or company.id is None:
        return False
    return db.session.scalar(
        sa.select(Affiliation.id)
        .where(Affiliation.person_id == person.id, Affiliation.company_id == company.id,
               Affiliation.ended_on.is_(None))
        .limit(1)
    ) is not None


def accept_inquiry(
    inquiry: Inquiry,
    office: Office,
    user: User,
    now: datetime,
    today: date,
    existing: Company | None = None,
    sectors: Sequence[Sector] = (),
) -> Acceptance:
    """Accept a new inquiry: a new company of `office` (source: website inquiry) or `existing`,
    its contact person, an entry in the company's history and a follow-up due ANSWER_WITHIN
    after `today` for the office's first active manager (else `user`). `now` is naive UTC.
    Raises AlreadyHandled when the inquiry is no longer new."""
    claim(inquiry, InquiryStatus.ACCEPTED, user, now)
    assignee = office_manager(office) or user
    if existing is None:
        company = new_company(inquiry, office, assignee, sectors)
        db.session.add(company)
    else:
        company = existing
        fill_gaps(company, inquiry)
    person = contact_person(inquiry, company)
    interaction = Interaction(
        company=company,
        author=user,
        office_id=office.id,
        occurred_at=inquiry.created_at or now,
        channel=Channel.OTHER,
        summary=history_summary(inquiry, user),
        people=[person],
    )
    follow_up = plan_follow_up(
        company, next_step_text(user), today + ANSWER_WITHIN, assignee=assignee, created_by=user,
        person=person, interaction=interaction,
    )
    db.session.add_all([interaction, follow_up])
    inquiry.company = company
    return Acceptance(company, person, interaction, follow_up, new_company=existing is None)
