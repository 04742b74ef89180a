"""Planning, changing and closing follow-ups."""
from datetime import date, datetime

from flask_babel import force_locale, get_babel
from flask_babel import gettext as _

from crm.models import Channel, Company, FollowUp, Interaction, Person, User


class FollowUpAlreadyDone(ValueError):
    """A done follow-up cannot be completed (or changed) again."""


def plan_follow_up(
    company: Company,
    next_step: str,
    due_on: date,
    assignee: User,
    created_by: User,
    person: Person | None = None,
    interaction: Interaction | None = None,
) -> FollowUp:
    """A new open follow-up, filed under the assignee's office."""
    return FollowUp(
        company=company,
        next_step=next_step,
        due_on=due_on,
        assignee=assignee,
        office=assignee.office,
        created_by=created_by,
        person=person,
        interaction=interaction,
    )


def change_follow_up(
    follow_up: FollowUp,
    next_step: str,
    due_on: date,
    assignee: User,
    person: Person | None = None,
) -> FollowUp:
    """Reword, reschedule or reassign an open follow-up; the office follows a new assignee."""
    if not follow_up.is_open:
        raise FollowUpAlreadyDone(follow_up.id)
    follow_up.next_step = next_step
    follow_up.due_on = due_on
    follow_up.person = person
    if follow_up.assignee_id != assignee.id:
        follow_up.assignee = assignee
        follow_up.office_id = assignee.office_id
    return follow_up


def done_summary(follow_up: FollowUp, user: User) -> str:
    """The history line, in the author's own language setting, else the office-wide default
    (it is stored text, and no request is needed to write it)."""
    with force_locale(user.language or get_babel().default_locale):
        return _("Follow-up done: %(next_step)s", next_step=follow_up.next_step)


def complete_follow_up(follow_up: FollowUp, user: User, note: str | None, when: datetime) -> Interaction:
    """Mark an open follow-up done at `when` (naive UTC) and file the outcome in the
    company's history as an interaction by `user`. Returns that interaction."""
    if not follow_up.is_open:
        raise FollowUpAlreadyDone(follow_up.id)
    note = (note or "").strip() or None
    follow_up.done_at = when
    follow_up.done_by = user
    follow_up.outcome_note = note
    return Interaction(
        company=follow_up.company,
        author=user,
        office_id=user.office_id,
        occurred_at=when,
        channel=Channel.OTHER,
        summary=done_summary(follow_up, user),
        outcome=note,
        people=[follow_up.person] if follow_up.person is not None else [],
    )
