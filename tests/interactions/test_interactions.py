"""Logging, editing and deleting contacts, and who may do it."""
from datetime import date, datetime

import sqlalchemy as sa

from crm.extensions import db
from crm.models import Channel, FollowUp, Interaction, Role
from tests.factories import AffiliationFactory, CompanyFactory, InteractionFactory, UserFactory


def log(client, company, **fields):
    data = {"occurred_at": "2026-11-24T15:30", "channel": "wechat", "summary": "Talked on WeChat about the fair"}
    data.update(fields)
    return client.post(f"/companies/{company.id}/interactions/new", data=data)


def test_logging_stores_the_time_in_utc_from_the_users_office_clock(logged_in, staff):
    company = CompanyFactory()
    response = log(logged_in, company)
    assert response.headers["Location"] == f"/companies/{company.id}"
    interaction = db.session.scalar(sa.select(Interaction))
    # Dresden is UTC+1 in November.
    assert interaction.occurred_at == datetime(2026, 11, 24, 14, 30)
    assert (interaction.channel, interaction.author, interaction.office_id) == (Channel.WECHAT, staff, staff.office_id)


def test_logging_with_a_next_step_plans_a_follow_up_for_myself_by_default(logged_in, staff):
    company = CompanyFactory()
    person = AffiliationFactory(company=company).person
    log(logged_in, company, people_ids=[person.id], next_step="Send the offer", due_on="2026-11-27",
        assignee_id=staff.id)
    follow_up = db.session.scalar(sa.select(FollowUp))
    assert (follow_up.next_step, follow_up.due_on, follow_up.assignee) == ("Send the offer", date(2026, 11, 27), staff)
    assert follow_up.person == person and follow_up.interaction is not None
    assert follow_up.office_id == staff.office_id


def test_a_follow_up_can_go_to_a_colleague_in_another_office(logged_in, staff):
    colleague = UserFactory(role=Role.STAFF)
    log(logged_in, CompanyFactory(), next_step="Visit them", due_on="2026-12-01", assignee_id=colleague.id)
    follow_up = db.session.scalar(sa.select(FollowUp))
    assert follow_up.assignee == colleague and follow_up.office_id == colleague.office_id


def test_next_step_without_a_due_date_is_refused(logged_in):
    response = log(logged_in, CompanyFactory(), next_step="Call back")
    assert "A next step needs a due date." in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Interaction)) == 0


def test_due_date_without_a_next_step_is_refused(logged_in):
    response = log(logged_in, CompanyFactory(), due_on="2026-12-01")
    assert "Say what the next step is" in response.get_data(as_text=True)


def test_a_wrong_date_format_is_a_field_message(logged_in):
    response = log(logged_in, CompanyFactory(), occurred_at="24.11.2026 15:30")
    assert response.status_code == 200
    assert "Not a valid datetime value." in response.get_data(as_text=True)


def test_people_of_another_company_cannot_be_attached(logged_in):
    stranger = AffiliationFactory().person
    response = log(logged_in, CompanyFactory(), people_ids=[stranger.id])
    assert "not a valid choice" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Interaction)) == 0


def test_unknown_company_is_404(logged_in):
    assert logged_in.get("/companies/999999/interactions/new").status_code == 404


def test_staff_edits_their_own_interaction(logged_in, staff):
    interaction = InteractionFactory(author=staff)
    response = logged_in.post(f"/interactions/{interaction.id}/edit", data={
        "occurred_at": "2026-11-20T10:00", "channel": "visit", "summary": "Visited the plant",
    })
    assert response.status_code == 302
    db.session.refresh(interaction)
    assert (interaction.channel, interaction.summary) == (Channel.VISIT, "Visited the plant")


def test_staff_cannot_edit_or_delete_another_users_interaction(logged_in):
    interaction = InteractionFactory(author=UserFactory())
    assert logged_in.get(f"/interactions/{interaction.id}/edit").status_code == 403
    assert logged_in.post(f"/interactions/{interaction.id}/edit", data={"summary": "x"}).status_code == 403
    assert logged_in.post(f"/interactions/{interaction.id}/delete").status_code == 403
    assert db.session.get(Interaction, interaction.id) is not None


def test_manager_edits_anyones_interaction(client, auth, manager):
    interaction = InteractionFactory(author=UserFactory())
    auth.login(manager)
    assert client.get(f"/interactions/{interaction.id}/edit").status_code == 200


def test_deleting_keeps_the_follow_up_planned_from_it(logged_in, staff):
    company = CompanyFactory()
    log(logged_in, company, next_step="Call back", due_on="2026-12-01")
    interaction = db.session.scalar(sa.select(Interaction))
    assert logged_in.post(f"/interactions/{interaction.id}/delete").status_code == 302
    assert db.session.scalar(sa.select(Interaction)) is None
    assert db.session.scalar(sa.select(FollowUp)).next_step == "Call back"


def test_viewer_cannot_log(client, auth, viewer):
    auth.login(viewer)
    company = CompanyFactory()
    assert client.get(f"/companies/{company.id}/interactions/new").status_code == 403
    assert log(client, company).status_code == 403
