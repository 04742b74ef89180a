"""Optimistic locking: a save made from an older version of a record than the stored one
is refused, shows what changed in between, and keeps the user's input."""
import pytest
import sqlalchemy as sa
from sqlalchemy.orm.exc import StaleDataError

from crm.extensions import db
from crm.models import Company
from tests.delegations.factories import AgreementFactory, DelegationFactory
from tests.events.factories import EventFactory
from tests.factories import CompanyFactory, FollowUpFactory, InteractionFactory, PersonFactory, UserFactory
from tests.formdata import form_values


@pytest.fixture
def two_editors(app, client, auth, office):
    """Anna (this client) and Ben (a second browser), both managers."""
    anna = UserFactory(name="Anna Weber", office=office, role="manager")
    ben = UserFactory(name="Ben Li", office=office, role="manager")
    auth.login(anna)
    other = app.test_client()
    other.post("/login", data={"email": ben.email, "password": "correct horse battery"})
    return client, other


def test_the_edit_form_carries_the_version(logged_in):
    company = CompanyFactory()
    assert form_values(logged_in.get(f"/companies/{company.id}/edit").get_data(as_text=True))["version"] == "1"


def test_a_save_from_an_older_version_is_refused_and_keeps_the_input(two_editors):
    anna, ben = two_editors
    company = CompanyFactory(name="Qilu Laser", city="Jinan")
    url = f"/companies/{company.id}/edit"
    annas_form = anna.get(url).get_data(as_text=True)
    ben.post(url, data=form_values(ben.get(url).get_data(as_text=True), city="Zibo"))
    response = anna.post(url, data=form_values(annas_form, phone="+86 531 1234"))
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Not saved" in page
    assert 'value="+86 531 1234"' in page
    db.session.refresh(company)
    assert (company.city, company.phone) == ("Zibo", None)


def test_the_refusal_shows_what_changed_by_whom(two_editors):
    anna, ben = two_editors
    company = CompanyFactory(city="Jinan")
    url = f"/companies/{company.id}/edit"
    annas_form = anna.get(url).get_data(as_text=True)
    ben.post(url, data=form_values(ben.get(url).get_data(as_text=True), city="Zibo"))
    page = " ".join(anna.post(url, data=form_values(annas_form)).get_data(as_text=True).split())
    assert "<td>City</td><td>Zibo</td> <td>Ben Li</td>" in page


def test_saving_again_after_the_refusal_overwrites_knowingly(two_editors):
    anna, ben = two_editors
    company = CompanyFactory(city="Jinan")
    url = f"/companies/{company.id}/edit"
    annas_form = anna.get(url).get_data(as_text=True)
    ben.post(url, data=form_values(ben.get(url).get_data(as_text=True), city="Zibo"))
    refused = anna.post(url, data=form_values(annas_form, city="Dresden")).get_data(as_text=True)
    assert anna.post(url, data=form_values(refused)).status_code == 302
    db.session.refresh(company)
    assert company.city == "Dresden"


@pytest.mark.parametrize("make, url, field", [
    (lambda: PersonFactory(), "/people/{id}/edit", "notes"),
    (lambda: InteractionFactory(), "/interactions/{id}/edit", "outcome"),
    (lambda: FollowUpFactory(), "/follow-ups/{id}/edit", "next_step"),
    (lambda: EventFactory(), "/events/{id}/edit", "description"),
    (lambda: DelegationFactory(), "/delegations/{id}/edit", "purpose"),
    (lambda: AgreementFactory(parties=[CompanyFactory(), CompanyFactory()]), "/agreements/{id}/edit", "summary"),
])
def test_every_edit_form_refuses_a_stale_save(two_editors, make, url, field):
    anna, ben = two_editors
    record = make()
    url = url.format(id=record.id)
    annas_form = anna.get(url).get_data(as_text=True)
    assert ben.post(url, data=form_values(ben.get(url).get_data(as_text=True), **{field: "Ben's"})).status_code == 302
    assert "Not saved" in anna.post(url, data=form_values(annas_form, **{field: "Anna's"})).get_data(as_text=True)
    db.session.refresh(record)
    assert getattr(record, field) == "Ben's"


def test_an_update_racing_past_the_check_is_refused_by_the_database():
    company = CompanyFactory(name="Qilu Laser")
    assert company.version == 1  # loaded: this session believes version 1
    db.session.execute(sa.update(Company.__table__).values(version=Company.__table__.c.version + 1))
    company.name = "Lost update"
    with pytest.raises(StaleDataError):
        db.session.flush()
