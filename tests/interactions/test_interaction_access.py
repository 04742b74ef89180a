"""The log form's defaults, the roles around editing and deleting, and CSRF on delete."""
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from crm import create_app
from crm.extensions import db
from crm.models import Channel, Interaction, Role
from tests.companies.markup import check_page
from tests.factories import PASSWORD, AffiliationFactory, CompanyFactory, InteractionFactory, UserFactory
from tests.visibility import visible


def test_the_form_starts_at_now_in_my_office_clock_and_assigns_to_me(logged_in, staff):
    company = CompanyFactory()
    text = logged_in.get(f"/companies/{company.id}/interactions/new").get_data(as_text=True)
    now = datetime.now(ZoneInfo("Europe/Berlin"))
    assert any(f'value="{(now - timedelta(minutes=m)):%Y-%m-%dT%H:%M}"' in text for m in (0, 1))
    assert f'selected value="{staff.id}"' in text


def test_the_form_offers_the_companys_current_people_and_active_users_only(logged_in):
    company = CompanyFactory()
    current = AffiliationFactory(company=company).person
    former = AffiliationFactory(company=company, ended_on=datetime(2025, 1, 1).date()).person
    viewer = UserFactory(role=Role.VIEWER, name="Read Only")
    gone = UserFactory(active=False, name="Gone Away")
    text = logged_in.get(f"/companies/{company.id}/interactions/new").get_data(as_text=True)
    assert current.name in text and former.name not in text
    assert viewer.name not in text and gone.name not in text


def test_people_involved_are_stored(logged_in, staff):
    company = CompanyFactory()
    first, second = (AffiliationFactory(company=company).person for _ in range(2))
    logged_in.post(f"/companies/{company.id}/interactions/new", data={
        "occurred_at": "2026-11-24T10:00", "channel": "meeting", "summary": "Met both",
        "people_ids": [first.id, second.id], "outcome": "They will send samples",
    })
    interaction = db.session.scalar(sa.select(Interaction))
    assert set(interaction.people) == {first, second}
    assert interaction.outcome == "They will send samples"


def test_an_empty_summary_is_a_field_message_and_writes_nothing(logged_in):
    company = CompanyFactory()
    response = logged_in.post(f"/companies/{company.id}/interactions/new", data={
        "occurred_at": "2026-11-24T10:00", "channel": "call", "summary": "   ",
    })
    assert response.status_code == 200
    assert "This field is required." in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Interaction)) == 0


def test_an_unknown_channel_is_a_field_message(logged_in):
    company = CompanyFactory()
    response = logged_in.post(f"/companies/{company.id}/interactions/new", data={
        "occurred_at": "2026-11-24T10:00", "channel": "pigeon", "summary": "Coo",
    })
    assert "Not a valid choice" in response.get_data(as_text=True)


def test_the_edit_form_shows_the_time_in_my_office_clock(logged_in, staff):
    interaction = InteractionFactory(author=staff, occurred_at=datetime(2026, 7, 1, 8, 0))  # UTC
    text = logged_in.get(f"/interactions/{interaction.id}/edit").get_data(as_text=True)
    assert 'value="2026-07-01T10:00"' in text  # Dresden in summer: UTC+2


def test_manager_edits_and_deletes_anyones_interaction(client, auth, manager):
    interaction = InteractionFactory(author=UserFactory())
    auth.login(manager)
    response = client.post(f"/interactions/{interaction.id}/edit", data={
        "occurred_at": "2026-11-20T10:00", "channel": "email", "summary": "Corrected by the manager",
    })
    assert response.status_code == 302
    db.session.refresh(interaction)
    assert (interaction.channel, interaction.summary) == (Channel.EMAIL, "Corrected by the manager")
    assert interaction.author != manager  # the author stays
    interaction_id = interaction.id
    assert client.post(f"/interactions/{interaction_id}/delete").status_code == 302
    assert visible(Interaction, interaction_id) is None


def test_admin_deletes_anyones_interaction(client, auth, admin):
    interaction = InteractionFactory(author=UserFactory())
    auth.login(admin)
    assert client.post(f"/interactions/{interaction.id}/delete").status_code == 302


def test_staff_deletes_their_own_interaction(logged_in, staff):
    interaction = InteractionFactory(author=staff)
    interaction_id, company_id = interaction.id, interaction.company_id
    response = logged_in.post(f"/interactions/{interaction_id}/delete")
    assert response.headers["Location"] == f"/companies/{company_id}"
    assert visible(Interaction, interaction_id) is None


def test_delete_is_post_only(logged_in, staff):
    interaction = InteractionFactory(author=staff)
    assert logged_in.get(f"/interactions/{interaction.id}/delete").status_code == 405


def test_viewer_gets_403_on_edit_and_delete(client, auth, viewer):
    interaction = InteractionFactory()
    auth.login(viewer)
    assert client.get(f"/interactions/{interaction.id}/edit").status_code == 403
    assert client.post(f"/interactions/{interaction.id}/edit", data={"summary": "x"}).status_code == 403
    assert client.post(f"/interactions/{interaction.id}/delete").status_code == 403


@pytest.mark.parametrize("method, path", [("get", "/interactions/999999/edit"),
                                          ("post", "/interactions/999999/delete")])
def test_unknown_interaction_is_404(logged_in, method, path):
    assert getattr(logged_in, method)(path).status_code == 404


@pytest.mark.parametrize("path", ["/companies/{company}/interactions/new", "/interactions/{interaction}/edit"])
def test_forms_have_one_heading_and_labelled_fields(logged_in, staff, path):
    interaction = InteractionFactory(author=staff)
    AffiliationFactory(company=interaction.company)
    url = path.format(company=interaction.company_id, interaction=interaction.id)
    check_page(logged_in.get(url).get_data(as_text=True))


@pytest.fixture
def csrf_client(app):
    protected = create_app("config.TestConfig", {
        "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
        "WTF_CSRF_ENABLED": True,
    })
    protected.test_client_class = type(app.test_client())
    yield protected.test_client()
    with protected.app_context():
        db.engine.dispose()


def token_on(page: str) -> str:
    return re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', page).group(1)


def test_delete_needs_the_csrf_token(csrf_client, staff):
    login_page = csrf_client.get("/login").get_data(as_text=True)
    csrf_client.post("/login", data={"email": staff.email, "password": PASSWORD, "csrf_token": token_on(login_page)})
    interaction = InteractionFactory(author=staff)
    interaction_id, company_id = interaction.id, interaction.company_id
    assert csrf_client.post(f"/interactions/{interaction_id}/delete").status_code == 400
    assert db.session.get(Interaction, interaction_id) is not None
    page = csrf_client.get(f"/companies/{company_id}").get_data(as_text=True)
    response = csrf_client.post(f"/interactions/{interaction_id}/delete", data={"csrf_token": token_on(page)})
    assert response.status_code == 302
    assert visible(Interaction, interaction_id) is None
