"""The possible-duplicates page and the merge page."""
import sqlalchemy as sa

from crm.extensions import db
from crm.models import Channel, Company, Interaction
from tests.factories import CompanyFactory, InteractionFactory
from tests.visibility import visible


def test_the_page_lists_pairs_with_score_and_reason(client, auth, staff):
    first = CompanyFactory(name="Müller Technik GmbH")
    second = CompanyFactory(name="Mueller Technik")
    CompanyFactory(name="Dresden Chip Design GmbH")
    CompanyFactory(name="Dresden Chip Packaging GmbH")
    auth.login(staff)
    page = client.get("/duplicates/").get_data(as_text=True)
    assert "Müller Technik GmbH" in page and "Mueller Technik" in page
    assert "same name after normalisation" in page and "1.00" in page
    assert "Chip Design" not in page
    assert f"/duplicates/merge?a={first.id}&amp;b={second.id}" not in page  # staff do not merge


def test_managers_get_a_merge_link(client, auth, manager):
    first, second = CompanyFactory(name="Laser GmbH"), CompanyFactory(name="Laser AG")
    auth.login(manager)
    page = client.get("/duplicates/").get_data(as_text=True)
    assert f"/duplicates/merge?a={first.id}&amp;b={second.id}" in page


def test_shared_website_domains_are_listed_but_free_mail_is_not(client, auth, staff):
    CompanyFactory(name="Alpha", website="https://alpha-laser.de")
    CompanyFactory(name="Beta", website="www.alpha-laser.de/beta")
    CompanyFactory(name="Gamma", email="gamma@gmail.com")
    CompanyFactory(name="Delta", email="delta@gmail.com")
    auth.login(staff)
    page = client.get("/duplicates/").get_data(as_text=True)
    assert "same website domain alpha-laser.de" in page
    assert "Gamma" not in page


def test_the_page_is_paginated_and_its_queries_do_not_grow_with_the_rows(client, auth, staff, count_queries):
    for number in range(30):
        CompanyFactory(name=f"Brand{number:02d}x GmbH")
        CompanyFactory(name=f"Brand{number:02d}x AG")
    auth.login(staff)
    with count_queries() as statements:
        first_page = client.get("/duplicates/").get_data(as_text=True)
    second_page = client.get("/duplicates/?page=2").get_data(as_text=True)
    assert "30 in all" in first_page
    assert first_page.count("same name after normalisation") == 25
    assert second_page.count("same name after normalisation") == 5
    assert len(statements) < 10


def test_merging_is_for_managers_and_admins(client, auth, staff):
    first, second = CompanyFactory(name="Laser GmbH"), CompanyFactory(name="Laser AG")
    auth.login(staff)
    assert client.get(f"/duplicates/merge?a={first.id}&b={second.id}").status_code == 403
    assert client.post("/duplicates/merge", data={"a": first.id, "b": second.id, "survivor": "a"}).status_code == 403


def test_the_merge_page_shows_both_side_by_side(client, auth, admin):
    first = CompanyFactory(name="Laser GmbH", city="Dresden", phone=None)
    second = CompanyFactory(name="Laser AG", city="Leipzig", phone="0351 1")
    auth.login(admin)
    page = client.get(f"/duplicates/merge?a={first.id}&b={second.id}").get_data(as_text=True)
    assert "Dresden" in page and "Leipzig" in page
    assert 'id="field-city-a" value="a" checked' in page
    assert 'id="field-phone-b" value="b" checked' in page  # the empty value is not preselected


def test_bad_pairs_are_400_and_unknown_ids_404(client, auth, manager):
    company = CompanyFactory()
    auth.login(manager)
    assert client.get(f"/duplicates/merge?a={company.id}&b={company.id}").status_code == 400
    assert client.get("/duplicates/merge?a=x&b=1").status_code == 400
    assert client.get(f"/duplicates/merge?a={company.id}&b=99999").status_code == 404


def merge_form(first, second, survivor="a", **choices):
    data = {"a": first.id, "b": second.id, "survivor": survivor}
    for name in ("name", "name_local", "kind", "city", "country", "size", "website", "email", "phone", "description",
                 "offers", "seeks", "cooperation_interests", "status", "source", "owner_id", "office_id"):
        data[f"field-{name}"] = choices.get(name, survivor)
    return data


def test_a_merge_keeps_the_chosen_values_moves_the_records_and_records_the_merge(client, auth, manager):
    first = CompanyFactory(name="Laser GmbH", city="Dresden", phone=None)
    second = CompanyFactory(name="Laser AG", city="Leipzig", phone="0351 1")
    InteractionFactory(company=second, author=manager)
    second_id = second.id
    auth.login(manager)
    response = client.post("/duplicates/merge", data=merge_form(first, second, phone="b"))
    assert response.status_code == 302
    survivor = db.session.get(Company, first.id)
    assert (survivor.city, survivor.phone) == ("Dresden", "0351 1")
    assert visible(Company, second_id) is None
    interactions = db.session.scalars(sa.select(Interaction).order_by(Interaction.id)).all()
    assert [i.company_id for i in interactions] == [first.id, first.id]
    record = interactions[-1]
    assert record.channel is Channel.OTHER
    assert record.summary.startswith(
        f"Merged with Laser AG (#{second_id}) by {manager.name}: fields taken from Laser AG: phone")


def test_the_second_record_can_be_the_survivor(client, auth, manager):
    first, second = CompanyFactory(name="Laser GmbH"), CompanyFactory(name="Laser AG")
    first_id = first.id
    auth.login(manager)
    client.post("/duplicates/merge", data=merge_form(first, second, survivor="b", name="a"))
    assert visible(Company, first_id) is None
    assert db.session.get(Company, second.id).name == "Laser GmbH"


def test_a_merge_without_a_choice_for_every_field_changes_nothing(client, auth, manager):
    first, second = CompanyFactory(name="Laser GmbH"), CompanyFactory(name="Laser AG")
    auth.login(manager)
    data = merge_form(first, second)
    del data["field-city"]
    response = client.post("/duplicates/merge", data=data)
    assert response.status_code == 422
    assert "Choose a value for every field." in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Company)) == 2
