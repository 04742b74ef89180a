"""Confidential interactions: seen by their author, managers and admins only, everywhere they are listed."""
import re
from datetime import datetime

import pytest

from crm.extensions import db
from crm.models import Interaction, Role
from tests.factories import AffiliationFactory, CompanyFactory, FollowUpFactory, InteractionFactory, UserFactory

SECRET = "Price for the second plant: 4.2 million"


@pytest.fixture
def author(office):
    return UserFactory(office=office, role=Role.STAFF)


@pytest.fixture
def secret(author):
    """A confidential call with a company, the company's latest contact, with a person involved."""
    person = AffiliationFactory().person
    return InteractionFactory(author=author, company=person.affiliations[0].company, summary=SECRET,
                              confidential=True, people=[person], occurred_at=datetime.now())


def page_of(client, user, auth, url):
    auth.login(user)
    return client.get(url).get_data(as_text=True)


def places(secret):
    company, person = secret.company, secret.people[0]
    return [f"/companies/{company.id}", f"/timeline/companies/{company.id}", f"/people/{person.id}", "/"]


def test_the_form_marks_an_interaction_confidential(logged_in, staff):
    company = CompanyFactory()
    logged_in.post(f"/companies/{company.id}/interactions/new", data={
        "occurred_at": "2026-11-24T10:00", "channel": "call", "summary": SECRET, "confidential": "y"})
    assert db.session.scalar(db.select(Interaction)).confidential is True


def test_editing_keeps_or_lifts_the_mark(logged_in, staff):
    interaction = InteractionFactory(author=staff, confidential=True)
    text = logged_in.get(f"/interactions/{interaction.id}/edit").get_data(as_text=True)
    [checkbox] = re.findall(r'<input[^>]*name="confidential"[^>]*>', text)
    assert "checked" in checkbox
    logged_in.post(f"/interactions/{interaction.id}/edit", data={
        "occurred_at": "2026-11-24T10:00", "channel": "call", "summary": "Now open"})
    assert db.session.get(Interaction, interaction.id).confidential is False


@pytest.mark.parametrize("index", range(4))
def test_other_staff_and_viewers_do_not_see_it_anywhere(client, auth, office, secret, index):
    for role in (Role.STAFF, Role.VIEWER):
        other = UserFactory(office=office, role=role)
        assert SECRET not in page_of(client, other, auth, places(secret)[index])
        auth.logout()


@pytest.mark.parametrize("role", [Role.MANAGER, Role.ADMIN, None])
@pytest.mark.parametrize("index", range(4))
def test_its_author_managers_and_admins_see_it(client, auth, office, secret, author, role, index):
    reader = UserFactory(office=office, role=role) if role else author
    assert SECRET in page_of(client, reader, auth, places(secret)[index])


@pytest.mark.parametrize("fmt", ["csv", None])
def test_the_follow_up_list_and_export_show_the_last_contact_others_may_see(client, auth, office, secret, fmt):
    InteractionFactory(company=secret.company, summary="Open call", occurred_at=datetime(2026, 1, 1))
    other = UserFactory(office=office)
    FollowUpFactory(company=secret.company, assignee=other)
    text = page_of(client, other, auth, "/follow-ups/" + (f"?format={fmt}" if fmt else ""))
    assert SECRET not in text and "Open call" in text


def test_a_manager_sees_it_as_the_last_contact_in_the_follow_up_export(client, auth, office, secret):
    manager = UserFactory(office=office, role=Role.MANAGER)
    FollowUpFactory(company=secret.company, assignee=manager)
    assert SECRET in page_of(client, manager, auth, "/follow-ups/?format=csv")


@pytest.mark.parametrize("action", ["edit", "delete"])
def test_someone_elses_confidential_interaction_is_not_found_for_staff(client, auth, office, secret, action):
    auth.login(UserFactory(office=office))
    method = client.get if action == "edit" else client.post
    assert method(f"/interactions/{secret.id}/{action}").status_code == 404
    assert db.session.get(Interaction, secret.id) is not None
