"""Contact people, their organisations and the people list."""
import csv
import io

import sqlalchemy as sa

from crm.extensions import db
from crm.models import Affiliation, Person
from tests.factories import AffiliationFactory, CompanyFactory, InteractionFactory, PersonFactory


def test_adding_a_person_from_the_company_page_makes_a_primary_position(logged_in):
    company = CompanyFactory()
    form = logged_in.get(f"/people/new?company_id={company.id}").get_data(as_text=True)
    assert f'selected value="{company.id}"' in form
    response = logged_in.post("/people/new", data={
        "name": "Wang Siguo", "name_local": "王思国", "company_id": company.id, "title": "Director",
        "email": "Wang@Example.cn", "wechat_id": "wangsiguo", "preferred_language": "zh",
    })
    assert response.status_code == 302
    person = db.session.scalar(sa.select(Person))
    assert person.email == "wang@example.cn" and person.preferred_language == "zh"
    assert (person.primary_affiliation.company, person.primary_affiliation.title) == (company, "Director")


def test_moving_to_another_company_keeps_the_old_position_as_past(logged_in):
    old = AffiliationFactory(title="Engineer")
    new_company = CompanyFactory()
    person = old.person
    logged_in.post(f"/people/{person.id}/edit", data={
        "name": person.name, "company_id": new_company.id, "title": "CTO",
    })
    db.session.refresh(person)
    assert person.primary_affiliation.company == new_company
    past = db.session.get(Affiliation, old.id)
    assert past.ended_on is not None and not past.is_primary


def test_a_title_needs_a_company(logged_in):
    response = logged_in.post("/people/new", data={"name": "Anna", "title": "CEO"})
    assert "A title needs a company." in response.get_data(as_text=True)


def test_bad_email_is_a_field_message(logged_in):
    response = logged_in.post("/people/new", data={"name": "Anna", "email": "anna(at)x"})
    assert "Invalid email address." in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Person)) == 0


def test_person_page_shows_positions_and_their_contacts(logged_in, staff):
    affiliation = AffiliationFactory(title="Board member")
    interaction = InteractionFactory(company=affiliation.company, author=staff, summary="Met at the forum")
    interaction.people.append(affiliation.person)
    db.session.commit()
    text = logged_in.get(f"/people/{affiliation.person.id}").get_data(as_text=True)
    assert "Board member" in text and "Met at the forum" in text


def test_search_finds_people_by_company_phone_and_local_name(logged_in):
    AffiliationFactory(person=PersonFactory(name="Li Wei", name_local="李伟", phone="+86 531 8888 1234"),
                       company=CompanyFactory(name="Jinan Hi-tech Zone"))
    for q in ["李伟", "hi-tech", "8888 1234", "Li W"]:
        assert "Li Wei" in logged_in.get("/people/", query_string={"q": q}).get_data(as_text=True), q
    assert "Li Wei" not in logged_in.get("/people/?q=nobody").get_data(as_text=True)


def test_people_export_lists_the_matches_with_their_company(logged_in):
    AffiliationFactory(person=PersonFactory(name="Li Wei"), company=CompanyFactory(name="Jinan Hi-tech Zone"))
    PersonFactory(name="Somebody Else")
    response = logged_in.get("/people/?q=Li+Wei&format=csv")
    rows = list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert [(r["name"], r["company"]) for r in rows] == [("Li Wei", "Jinan Hi-tech Zone")]


def test_people_list_statements_do_not_grow_with_rows(logged_in, count_queries):
    def statements_for(n):
        AffiliationFactory.create_batch(n)
        with count_queries() as statements:
            logged_in.get("/people/")
        return len(statements)

    assert statements_for(2) == statements_for(20)


def test_viewer_cannot_add_people(client, auth, viewer):
    auth.login(viewer)
    assert client.post("/people/new", data={"name": "X"}).status_code == 403


def test_unknown_person_is_404(logged_in):
    assert logged_in.get("/people/999999").status_code == 404
    assert logged_in.get("/people/new?company_id=999999").status_code == 404
