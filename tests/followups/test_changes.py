"""Planning, changing and completing follow-ups through the pages."""
from datetime import date, datetime, timedelta

import pytest
import sqlalchemy as sa

from crm.extensions import db
from crm.models import Channel, FollowUp, Interaction, Role
from tests.factories import AffiliationFactory, CompanyFactory, FollowUpFactory, PersonFactory, UserFactory

DUE = date(2026, 12, 3)


def follow_up_of(user, **kwargs):
    return FollowUpFactory(assignee=user, created_by=user, **kwargs)


# --- new ------------------------------------------------------------------------------------------------------------

def test_the_new_form_offers_the_companys_current_people_and_active_users(logged_in, staff, colleague):
    company = CompanyFactory()
    current = AffiliationFactory(company=company, person=PersonFactory(name="Still There")).person
    AffiliationFactory(company=company, person=PersonFactory(name="Long Gone"), ended_on=date(2020, 1, 1))
    UserFactory(office=staff.office, name="Retired User", active=False)

    page = logged_in.get(f"/follow-ups/new/{company.id}").get_data(as_text=True)

    assert f'<option value="{current.id}">Still There</option>' in page
    assert "Long Gone" not in page
    assert "Colleague" in page and "Retired User" not in page
    assert f'<option selected value="{staff.id}">' in page  # the current user by default


def test_staff_plans_a_follow_up_for_a_colleague(logged_in, staff, colleague, vantaa):
    company = CompanyFactory()
    person = AffiliationFactory(company=company).person
    helsinki_colleague = UserFactory(office=vantaa)

    response = logged_in.post(f"/follow-ups/new/{company.id}?next=/follow-ups/", data={
        "next_step": "  Send the fair brochure ", "due_on": "2026-12-03",
        "person_id": person.id, "assignee_id": helsinki_colleague.id,
    })

    assert response.status_code == 302 and response.headers["Location"] == "/follow-ups/"
    follow_up = db.session.scalar(sa.select(FollowUp))
    assert (follow_up.company, follow_up.person, follow_up.next_step, follow_up.due_on) == (
        company, person, "Send the fair brochure", DUE
    )
    assert (follow_up.assignee, follow_up.office_id, follow_up.created_by) == (helsinki_colleague, vantaa.id, staff)
    assert follow_up.interaction is None and follow_up.is_open


def test_a_follow_up_without_contact_person(logged_in, staff):
    company = CompanyFactory()

    logged_in.post(f"/follow-ups/new/{company.id}", data={
        "next_step": "Call back", "due_on": "2026-12-03", "person_id": "", "assignee_id": staff.id,
    })

    assert db.session.scalar(sa.select(FollowUp)).person is None


def test_after_planning_the_user_returns_to_the_company_page(logged_in, staff):
    company = CompanyFactory()

    response = logged_in.post(f"/follow-ups/new/{company.id}", data={
        "next_step": "Call back", "due_on": "2026-12-03", "assignee_id": staff.id,
    })

    assert response.headers["Location"] == f"/companies/{company.id}"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\evil.example/",
                                    "/%09/evil.example/", "javascript:alert(1)"])
def test_an_offsite_next_url_is_ignored(logged_in, staff, target):
    company = CompanyFactory()

    response = logged_in.post(f"/follow-ups/new/{company.id}?next={target}", data={
        "next_step": "Call back", "due_on": "2026-12-03", "assignee_id": staff.id,
    })

    assert response.headers["Location"] == f"/companies/{company.id}"


@pytest.mark.parametrize("data, message", [
    ({"next_step": "", "due_on": "2026-12-03"}, "This field is required."),
    ({"next_step": "Call", "due_on": "3.12.2026"}, "Not a valid date value."),
    ({"next_step": "Call", "due_on": ""}, "This field is required."),
    ({"next_step": "x" * 501, "due_on": "2026-12-03"}, "Field cannot be longer than 500 characters."),
])
def test_bad_input_is_a_field_message(logged_in, staff, data, message):
    company = CompanyFactory()

    response = logged_in.post(f"/follow-ups/new/{company.id}", data={**data, "assignee_id": staff.id})

    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(FollowUp)) == 0


def test_a_person_of_another_company_is_refused(logged_in, staff):
    company = CompanyFactory()
    stranger = AffiliationFactory().person

    response = logged_in.post(f"/follow-ups/new/{company.id}", data={
        "next_step": "Call", "due_on": "2026-12-03", "person_id": stranger.id, "assignee_id": staff.id,
    })

    assert "Not a valid choice" in response.get_data(as_text=True)


def test_an_inactive_user_cannot_be_assigned(logged_in, staff):
    company = CompanyFactory()
    retired = UserFactory(office=staff.office, active=False)

    response = logged_in.post(f"/follow-ups/new/{company.id}", data={
        "next_step": "Call", "due_on": "2026-12-03", "assignee_id": retired.id,
    })

    assert "Not a valid choice" in response.get_data(as_text=True)


def test_planning_for_an_unknown_company_is_404(logged_in):
    assert logged_in.get("/follow-ups/new/999").status_code == 404


def test_viewers_cannot_plan_follow_ups(client, auth, viewer):
    auth.login(viewer)
    company = CompanyFactory()

    assert client.get(f"/follow-ups/new/{company.id}").status_code == 403
    assert client.post(f"/follow-ups/new/{company.id}", data={}).status_code == 403


# --- edit -----------------------------------------------------------------------------------------------------------

def test_the_assignee_reschedules_and_rewords(logged_in, staff):
    follow_up = follow_up_of(staff)

    response = logged_in.post(f"/follow-ups/{follow_up.id}/edit", data={
        "next_step": "Send the contract", "due_on": "2027-01-08", "assignee_id": staff.id,
    })

    assert response.status_code == 302
    follow_up = db.session.get(FollowUp, follow_up.id)
    assert (follow_up.next_step, follow_up.due_on) == ("Send the contract", date(2027, 1, 8))


def test_reassigning_moves_the_follow_up_to_the_new_assignees_office(logged_in, staff, vantaa):
    follow_up = follow_up_of(staff)
    finn = UserFactory(office=vantaa)

    logged_in.post(f"/follow-ups/{follow_up.id}/edit", data={
        "next_step": follow_up.next_step, "due_on": "2027-01-08", "assignee_id": finn.id,
    })

    follow_up = db.session.get(FollowUp, follow_up.id)
    assert (follow_up.assignee_id, follow_up.office_id) == (finn.id, vantaa.id)


def test_the_edit_form_is_filled_with_the_follow_up(logged_in, staff):
    follow_up = follow_up_of(staff, next_step="Ask about the delegation", due_on=DUE)

    page = logged_in.get(f"/follow-ups/{follow_up.id}/edit").get_data(as_text=True)

    assert 'value="Ask about the delegation"' in page and 'value="2026-12-03"' in page


def test_the_creator_may_edit_what_they_assigned_to_someone_else(logged_in, staff, colleague):
    follow_up = FollowUpFactory(assignee=colleague, created_by=staff)

    assert logged_in.get(f"/follow-ups/{follow_up.id}/edit").status_code == 200


def test_staff_cannot_edit_someone_elses_follow_up(logged_in, colleague):
    follow_up = follow_up_of(colleague)

    assert logged_in.get(f"/follow-ups/{follow_up.id}/edit").status_code == 403
    response = logged_in.post(f"/follow-ups/{follow_up.id}/edit", data={
        "next_step": "Mine now", "due_on": "2027-01-08", "assignee_id": colleague.id,
    })
    assert response.status_code == 403
    assert db.session.get(FollowUp, follow_up.id).next_step != "Mine now"


@pytest.mark.parametrize("role", [Role.MANAGER, Role.ADMIN])
def test_managers_and_admins_edit_anyones_follow_up(client, auth, office, colleague, role):
    auth.login(UserFactory(office=office, role=role))
    follow_up = follow_up_of(colleague)

    response = client.post(f"/follow-ups/{follow_up.id}/edit", data={
        "next_step": "Reassigned", "due_on": "2027-01-08", "assignee_id": colleague.id,
    })

    assert response.status_code == 302
    assert db.session.get(FollowUp, follow_up.id).next_step == "Reassigned"


def test_viewers_cannot_edit(client, auth, viewer, colleague):
    auth.login(viewer)
    follow_up = follow_up_of(colleague)

    assert client.get(f"/follow-ups/{follow_up.id}/edit").status_code == 403


def test_editing_an_unknown_follow_up_is_404(logged_in):
    assert logged_in.get("/follow-ups/999/edit").status_code == 404
    assert logged_in.post("/follow-ups/999/edit", data={}).status_code == 404


def test_a_done_follow_up_cannot_be_edited(logged_in, staff):
    follow_up = follow_up_of(staff, done_at=datetime(2026, 11, 1, 9), done_by=staff)

    response = logged_in.post(f"/follow-ups/{follow_up.id}/edit", data={
        "next_step": "Changed", "due_on": "2027-01-08", "assignee_id": staff.id,
    }, follow_redirects=False)

    assert response.status_code == 302
    assert db.session.get(FollowUp, follow_up.id).next_step != "Changed"


# --- complete -------------------------------------------------------------------------------------------------------

def test_the_complete_page_shows_the_follow_up_and_a_note_field(logged_in, staff):
    follow_up = follow_up_of(staff, next_step="Send the fair brochure")

    page = logged_in.get(f"/follow-ups/{follow_up.id}/complete").get_data(as_text=True)

    assert "Send the fair brochure" in page
    assert '<label class="form-label" for="note">Outcome</label>' in page


def test_completing_closes_the_follow_up_and_writes_history(logged_in, staff):
    follow_up = follow_up_of(staff, next_step="Send the fair brochure")

    response = logged_in.post(f"/follow-ups/{follow_up.id}/complete", data={"note": "Sent; they will come."})

    assert response.status_code == 302
    follow_up = db.session.get(FollowUp, follow_up.id)
    assert not follow_up.is_open and follow_up.done_by == staff
    assert follow_up.outcome_note == "Sent; they will come."
    assert abs(follow_up.done_at - datetime.utcnow()) < timedelta(minutes=1)
    interaction = db.session.scalar(sa.select(Interaction))
    assert (interaction.company_id, interaction.channel, interaction.author, interaction.office_id) == (
        follow_up.company_id, Channel.OTHER, staff, staff.office_id
    )
    assert interaction.summary == "Follow-up done: Send the fair brochure"
    assert interaction.outcome == "Sent; they will come." and interaction.occurred_at == follow_up.done_at


def test_the_note_is_optional(logged_in, staff):
    follow_up = follow_up_of(staff)

    logged_in.post(f"/follow-ups/{follow_up.id}/complete", data={})

    assert not db.session.get(FollowUp, follow_up.id).is_open


def test_completing_twice_is_refused_with_a_message(logged_in, staff):
    follow_up = follow_up_of(staff)
    logged_in.post(f"/follow-ups/{follow_up.id}/complete", data={"note": "first"})

    response = logged_in.post(f"/follow-ups/{follow_up.id}/complete?next=/follow-ups/", data={"note": "second"},
                              follow_redirects=True)

    assert "cannot be completed twice" in response.get_data(as_text=True)
    assert db.session.get(FollowUp, follow_up.id).outcome_note == "first"
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Interaction)) == 1


def test_staff_cannot_complete_someone_elses_follow_up(logged_in, colleague):
    follow_up = follow_up_of(colleague)

    assert logged_in.get(f"/follow-ups/{follow_up.id}/complete").status_code == 403
    assert logged_in.post(f"/follow-ups/{follow_up.id}/complete", data={}).status_code == 403
    assert db.session.get(FollowUp, follow_up.id).is_open


def test_a_manager_completes_anyones_follow_up(client, auth, manager, colleague):
    auth.login(manager)
    follow_up = follow_up_of(colleague)

    assert client.post(f"/follow-ups/{follow_up.id}/complete", data={}).status_code == 302
    assert db.session.get(FollowUp, follow_up.id).done_by == manager


def test_viewers_cannot_complete(client, auth, viewer, colleague):
    auth.login(viewer)
    follow_up = follow_up_of(colleague)

    assert client.post(f"/follow-ups/{follow_up.id}/complete", data={}).status_code == 403


def test_completing_an_unknown_follow_up_is_404(logged_in):
    assert logged_in.get("/follow-ups/999/complete").status_code == 404
    assert logged_in.post("/follow-ups/999/complete", data={}).status_code == 404


def test_viewers_cannot_be_assigned_as_they_could_not_act(logged_in, staff, viewer):
    company = CompanyFactory()

    response = logged_in.post(f"/follow-ups/new/{company.id}", data={
        "next_step": "Call", "due_on": "2026-12-03", "assignee_id": viewer.id,
    })

    assert "Not a valid choice" in response.get_data(as_text=True)
