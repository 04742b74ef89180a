"""Planning, changing and completing follow-ups, without a request."""
from datetime import date, datetime

import pytest

from crm.extensions import db
from crm.models import Channel, FollowUp, Interaction
from crm.services.followups import FollowUpAlreadyDone, change_follow_up, complete_follow_up, plan_follow_up
from tests.factories import CompanyFactory, FollowUpFactory, OfficeFactory, PersonFactory, UserFactory

DONE_AT = datetime(2026, 11, 24, 8, 15)


@pytest.fixture
def vantaa():
    return OfficeFactory(name="Vantaa", timezone="Europe/Helsinki")


def test_a_planned_follow_up_is_open_and_filed_under_the_assignees_office(office, staff, vantaa):
    colleague = UserFactory(office=vantaa)
    company, person = CompanyFactory(), PersonFactory()

    follow_up = plan_follow_up(company, "Send offer", date(2026, 12, 1), colleague, staff, person=person)
    db.session.add(follow_up)
    db.session.flush()

    assert follow_up.is_open
    assert (follow_up.assignee, follow_up.office_id, follow_up.created_by) == (colleague, vantaa.id, staff)
    assert (follow_up.company, follow_up.person, follow_up.due_on) == (company, person, date(2026, 12, 1))


def test_completing_marks_the_follow_up_done_by_the_user(staff):
    follow_up = FollowUpFactory(assignee=staff)

    complete_follow_up(follow_up, staff, "  They will come to the fair.  ", DONE_AT)

    assert not follow_up.is_open
    assert (follow_up.done_at, follow_up.done_by, follow_up.outcome_note) == (
        DONE_AT, staff, "They will come to the fair."
    )


def test_completing_adds_the_note_to_the_company_history(staff, vantaa):
    manager = UserFactory(office=vantaa)
    person = PersonFactory()
    follow_up = FollowUpFactory(assignee=staff, next_step="Call about the brochure", person=person)

    interaction = complete_follow_up(follow_up, manager, "Brochure arrived", DONE_AT)
    db.session.add(interaction)
    db.session.flush()

    assert isinstance(interaction, Interaction)
    assert interaction.company == follow_up.company
    assert interaction.channel is Channel.OTHER
    assert interaction.summary == "Follow-up done: Call about the brochure"
    assert interaction.outcome == "Brochure arrived"
    assert (interaction.author, interaction.office_id, interaction.occurred_at) == (manager, vantaa.id, DONE_AT)
    assert interaction.people == [person]


def test_an_empty_note_is_stored_as_none(staff):
    follow_up = FollowUpFactory(assignee=staff)

    interaction = complete_follow_up(follow_up, staff, "   ", DONE_AT)

    assert follow_up.outcome_note is None and interaction.outcome is None


def test_the_service_does_not_commit(staff):
    follow_up = FollowUpFactory(assignee=staff)

    db.session.add(complete_follow_up(follow_up, staff, "x", DONE_AT))
    db.session.rollback()

    assert db.session.get(FollowUp, follow_up.id).is_open


def test_a_done_follow_up_cannot_be_completed_again(staff):
    follow_up = FollowUpFactory(assignee=staff, done_at=DONE_AT, done_by=staff)

    with pytest.raises(FollowUpAlreadyDone):
        complete_follow_up(follow_up, staff, "again", DONE_AT)


def test_reassigning_moves_the_follow_up_to_the_new_assignees_office(staff, vantaa):
    colleague = UserFactory(office=vantaa)
    follow_up = FollowUpFactory(assignee=staff)

    change_follow_up(follow_up, "New step", date(2027, 1, 5), colleague)

    assert (follow_up.assignee, follow_up.office_id) == (colleague, vantaa.id)
    assert (follow_up.next_step, follow_up.due_on) == ("New step", date(2027, 1, 5))


def test_a_done_follow_up_cannot_be_changed(staff):
    follow_up = FollowUpFactory(assignee=staff, done_at=DONE_AT, done_by=staff)

    with pytest.raises(FollowUpAlreadyDone):
        change_follow_up(follow_up, "New step", date(2027, 1, 5), staff)
