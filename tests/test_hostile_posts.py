"""Object-level permissions against hand-made POSTs: ids in the URL or the body never reach
a record the permission matrix does not give the user, and nothing is half-written."""
import pytest

from crm.extensions import db
from crm.models import FollowUp, Interaction, MeetingRequest, Role
from tests.delegations.factories import DelegationFactory, MemberFactory
from tests.events.factories import EventFactory, ParticipantFactory
from tests.factories import (
    AffiliationFactory,
    CompanyFactory,
    FollowUpFactory,
    InteractionFactory,
    OfficeFactory,
    UserFactory,
)

LOG = {"occurred_at": "2026-11-24T10:00", "channel": "call", "summary": "Talked"}


def count(model) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(model))


@pytest.fixture
def colleague(office):
    return UserFactory(office=office, role=Role.STAFF)


def test_staff_cannot_edit_someone_elses_interaction(logged_in, colleague):
    interaction = InteractionFactory(author=colleague, summary="Theirs")
    response = logged_in.post(f"/interactions/{interaction.id}/edit", data={**LOG, "summary": "Mine now"})
    assert response.status_code == 403
    assert db.session.get(Interaction, interaction.id).summary == "Theirs"


def test_staff_cannot_delete_someone_elses_interaction(logged_in, colleague):
    interaction = InteractionFactory(author=colleague)
    assert logged_in.post(f"/interactions/{interaction.id}/delete").status_code == 403
    assert db.session.get(Interaction, interaction.id) is not None


def test_an_interaction_cannot_name_a_person_of_another_company(logged_in):
    company, stranger = CompanyFactory(), AffiliationFactory().person
    response = logged_in.post(f"/companies/{company.id}/interactions/new", data={**LOG, "people_ids": [stranger.id]})
    assert response.status_code == 200 and b"not a valid choice" in response.data.lower()
    assert count(Interaction) == 0


@pytest.mark.parametrize("field", ["author_id", "office_id", "company_id"])
def test_posted_author_office_or_company_ids_are_ignored(logged_in, staff, colleague, field):
    company, other_company = CompanyFactory(), CompanyFactory()
    hostile = {"author_id": colleague.id, "office_id": OfficeFactory(name="Vantaa").id,
               "company_id": other_company.id}[field]
    logged_in.post(f"/companies/{company.id}/interactions/new", data={**LOG, field: hostile})
    interaction = db.session.scalar(db.select(Interaction))
    assert (interaction.author_id, interaction.office_id, interaction.company_id) == (
        staff.id, staff.office_id, company.id)


def test_editing_an_interaction_cannot_move_it_to_another_company(logged_in, staff):
    interaction = InteractionFactory(author=staff)
    other_company = CompanyFactory()
    logged_in.post(f"/interactions/{interaction.id}/edit", data={**LOG, "company_id": other_company.id})
    assert db.session.get(Interaction, interaction.id).company_id != other_company.id


@pytest.mark.parametrize("assignee", ["inactive", "viewer", "unknown"])
def test_a_follow_up_cannot_be_assigned_to_someone_who_cannot_act_on_it(logged_in, office, assignee):
    company = CompanyFactory()
    user_id = {"inactive": lambda: UserFactory(office=office, active=False).id,
               "viewer": lambda: UserFactory(office=office, role=Role.VIEWER).id,
               "unknown": lambda: 999999}[assignee]()
    response = logged_in.post(f"/follow-ups/new/{company.id}", data={
        "next_step": "Call back", "due_on": "2026-12-01", "assignee_id": user_id})
    assert b"not a valid choice" in response.data.lower()
    assert count(FollowUp) == 0


def test_a_follow_up_cannot_name_a_person_of_another_company(logged_in, staff):
    follow_up = FollowUpFactory(assignee=staff)
    stranger = AffiliationFactory().person
    response = logged_in.post(f"/follow-ups/{follow_up.id}/edit", data={
        "next_step": "Call back", "due_on": "2026-12-01", "assignee_id": staff.id, "person_id": stranger.id})
    assert b"not a valid choice" in response.data.lower()
    assert db.session.get(FollowUp, follow_up.id).person_id is None


@pytest.mark.parametrize("action", ["edit", "complete"])
def test_staff_cannot_change_or_complete_someone_elses_follow_up(logged_in, colleague, action):
    follow_up = FollowUpFactory(assignee=colleague, next_step="Theirs")
    response = logged_in.post(f"/follow-ups/{follow_up.id}/{action}", data={
        "next_step": "Mine", "due_on": "2026-12-01", "note": "done"})
    assert response.status_code == 403
    stored = db.session.get(FollowUp, follow_up.id)
    assert stored.next_step == "Theirs" and stored.is_open


def test_a_company_cannot_be_given_to_an_inactive_owner(logged_in, office):
    company = CompanyFactory(name="Kept GmbH")
    gone = UserFactory(office=office, active=False)
    response = logged_in.post(f"/companies/{company.id}/edit", data={
        "name": "Renamed GmbH", "kind": "company", "status": "new", "owner_id": gone.id})
    assert b"not a valid choice" in response.data.lower()
    assert db.session.get(type(company), company.id).name == "Kept GmbH"


def test_a_meeting_request_cannot_name_another_events_participant(logged_in, office):
    fair, other_fair = EventFactory(office=office), EventFactory(office=office)
    ours, theirs = ParticipantFactory(event=fair), ParticipantFactory(event=other_fair)
    response = logged_in.post(f"/events/{fair.id}/requests/new", data={
        "requester_id": ours.id, "counterpart_id": theirs.id, "priority": 2, "status": "pending"})
    assert response.status_code == 400
    assert count(MeetingRequest) == 0


def test_another_events_participant_is_not_found_through_this_event(logged_in, office):
    fair, other_fair = EventFactory(office=office), EventFactory(office=office)
    theirs = ParticipantFactory(event=other_fair)
    assert logged_in.post(f"/events/{fair.id}/participants/{theirs.id}/delete").status_code == 404
    assert logged_in.get(f"/events/{fair.id}/participants/{theirs.id}/edit").status_code == 404


def test_another_delegations_member_is_not_found_through_this_delegation(client, auth, manager, office):
    ours, other = DelegationFactory(office=office), DelegationFactory(office=office)
    member = MemberFactory(delegation=other)
    auth.login(manager)
    assert client.post(f"/delegations/{ours.id}/members/{member.id}/delete").status_code == 404


def test_staff_cannot_change_another_offices_delegation_itinerary(logged_in):
    away = OfficeFactory(name="Jinan", city="Jinan", country="CN", timezone="Asia/Shanghai")
    member = MemberFactory(delegation=DelegationFactory(office=away))
    response = logged_in.post(f"/delegations/{member.delegation_id}/members/{member.id}/delete")
    assert response.status_code == 403


def test_staff_cannot_merge_companies_by_posting_their_ids(logged_in):
    first, second = CompanyFactory(), CompanyFactory()
    response = logged_in.post("/duplicates/merge", data={"first": first.id, "second": second.id,
                                                         "survivor": first.id})
    assert response.status_code == 403
    assert db.session.get(type(second), second.id) is not None
