"""People: roles, editing in place, exports and the pages' markup."""
import io
from datetime import date

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from crm.extensions import db
from crm.models import Affiliation, Person
from tests.companies.markup import check_page
from tests.factories import AffiliationFactory, CompanyFactory, PersonFactory


@pytest.mark.parametrize("path", ["/people/new", "/people/{id}/edit"])
def test_viewer_gets_403_on_the_forms(client, auth, viewer, path):
    person = PersonFactory(name="Unchanged")
    auth.login(viewer)
    assert client.get(path.format(id=person.id)).status_code == 403
    assert client.post(path.format(id=person.id), data={"name": "Changed"}).status_code == 403
    db.session.refresh(person)
    assert person.name == "Unchanged"


def test_unknown_person_edit_is_404(logged_in):
    assert logged_in.get("/people/999999/edit").status_code == 404
    assert logged_in.post("/people/999999/edit", data={"name": "X"}).status_code == 404


def test_changing_the_title_at_the_same_company_keeps_one_position(logged_in):
    affiliation = AffiliationFactory(title="Engineer")
    person = affiliation.person
    logged_in.post(f"/people/{person.id}/edit", data={
        "name": person.name, "company_id": affiliation.company_id, "title": "Head of R&D",
    })
    positions = db.session.scalars(sa.select(Affiliation).where(Affiliation.person_id == person.id)).all()
    assert [(a.title, a.ended_on) for a in positions] == [("Head of R&D", None)]


def test_leaving_the_company_empty_ends_the_position(logged_in):
    affiliation = AffiliationFactory()
    person = affiliation.person
    logged_in.post(f"/people/{person.id}/edit", data={"name": person.name, "company_id": ""})
    db.session.refresh(affiliation)
    assert affiliation.ended_on is not None
    assert db.session.get(Person, person.id).primary_affiliation is None


def test_the_edit_form_is_filled_with_the_person_and_their_company(logged_in):
    affiliation = AffiliationFactory(person=PersonFactory(name="Li Wei", name_local="李伟", preferred_language="zh"),
                                     title="CTO")
    text = logged_in.get(f"/people/{affiliation.person_id}/edit").get_data(as_text=True)
    assert 'value="Li Wei"' in text and 'value="李伟"' in text and 'value="CTO"' in text
    assert f'selected value="{affiliation.company_id}"' in text and 'selected value="zh"' in text


def test_an_unknown_company_or_language_is_a_field_message(logged_in):
    response = logged_in.post("/people/new", data={"name": "Anna", "company_id": "999999",
                                                   "preferred_language": "xx"})
    assert response.get_data(as_text=True).count("Not a valid choice") == 2
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Person)) == 0


def test_company_page_lists_the_new_person(logged_in):
    company = CompanyFactory()
    logged_in.post("/people/new", data={"name": "Katrin Weber", "company_id": company.id, "title": "CEO"})
    text = logged_in.get(f"/companies/{company.id}").get_data(as_text=True)
    assert "Katrin Weber" in text and "CEO" in text


def test_person_page_shows_past_positions_as_past(logged_in):
    person = PersonFactory()
    AffiliationFactory(person=person, company=CompanyFactory(name="Old Employer GmbH"), ended_on=date(2024, 3, 31),
                       is_primary=False)
    AffiliationFactory(person=person, company=CompanyFactory(name="New Employer GmbH"))
    text = logged_in.get(f"/people/{person.id}").get_data(as_text=True)
    assert text.index("New Employer GmbH") < text.index("Old Employer GmbH")
    assert "until" in text


def test_search_by_email(logged_in):
    PersonFactory(name="Katrin Weber", email="k.weber@tu-dresden.de")
    PersonFactory(name="Someone Else", email="someone@example.de")
    text = logged_in.get("/people/?q=tu-dresden").get_data(as_text=True)
    assert "Katrin Weber" in text and "Someone Else" not in text


def test_csv_export_has_a_bom(logged_in):
    PersonFactory(name="李伟")
    response = logged_in.get("/people/?format=csv")
    assert response.data.startswith("\ufeff".encode())
    assert "李伟" in response.data.decode("utf-8-sig")


def test_xlsx_export_has_every_match_not_only_the_page(logged_in, app):
    PersonFactory.create_batch(app.config["PER_PAGE"] + 3)
    response = logged_in.get("/people/?format=xlsx")
    sheet = load_workbook(io.BytesIO(response.data)).active
    assert sheet.max_row == app.config["PER_PAGE"] + 3 + 1


@pytest.mark.parametrize("path", ["/people/", "/people/new", "/people/{id}", "/people/{id}/edit"])
def test_pages_have_one_heading_and_labelled_fields(logged_in, path):
    affiliation = AffiliationFactory()
    check_page(logged_in.get(path.format(id=affiliation.person_id)).get_data(as_text=True))
