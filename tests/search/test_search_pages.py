"""The search box in the header, its drop-down fragment, the reindex command and the pinyin
suggestions on the company and person forms."""
import pytest
import sqlalchemy as sa

from crm.extensions import db
from crm.models import Company, Person, SearchEntry
from tests.factories import CompanyFactory, PersonFactory


@pytest.mark.parametrize("path", ["/", "/companies/", "/people/", "/events/", "/search/?q=x"])
def test_every_page_has_the_search_box_in_the_header(logged_in, path):
    text = logged_in.get(path).get_data(as_text=True)
    assert 'id="site-search"' in text and 'action="/search/"' in text and "js/search.js" in text


def test_the_box_keeps_the_query_on_the_results_page(logged_in):
    assert 'value="Weber"' in logged_in.get("/search/?q=Weber").get_data(as_text=True)


def test_the_drop_down_fragment_has_no_page_around_it(logged_in):
    CompanyFactory(name="Weber Optics GmbH")
    response = logged_in.get("/search/suggest?q=weber")
    text = response.get_data(as_text=True)
    assert response.status_code == 200 and "Weber Optics GmbH" in text and "<html" not in text


def test_the_drop_down_shows_a_few_per_type_and_links_to_the_list(logged_in):
    for n in range(7):
        CompanyFactory(name=f"Weber {n} GmbH")
    text = logged_in.get("/search/suggest?q=weber").get_data(as_text=True)
    assert text.count("list-group-item-action") == 5 and "/companies/?q=weber" in text


def test_an_empty_query_shows_no_results(logged_in):
    CompanyFactory(name="Weber Optics GmbH")
    assert "Weber Optics GmbH" not in logged_in.get("/search/?q=").get_data(as_text=True)


def test_nothing_found_says_so(logged_in):
    assert "Nothing matches" in logged_in.get("/search/?q=zzzqqq").get_data(as_text=True)


def test_search_needs_a_login(client):
    assert client.get("/search/?q=weber").status_code == 302


def test_the_reindex_command_rebuilds_entries_written_around_the_app(runner):
    db.session.execute(sa.insert(Company), [{"name": "Bulk Loaded GmbH", "kind": "enterprise", "status": "new"}])
    db.session.execute(sa.insert(Person), [{"name": "Bulk Person"}])
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count(SearchEntry.id))) == 0
    result = runner.invoke(args=["search-reindex"])
    assert "1 company entries, 1 person entries" in result.output
    assert db.session.scalar(sa.select(sa.func.count(SearchEntry.id))) == 2


def test_the_company_list_filter_uses_the_same_spellings(logged_in):
    CompanyFactory(name="Müller Maschinenbau GmbH")
    assert "Müller Maschinenbau GmbH" in logged_in.get("/companies/?q=mueller").get_data(as_text=True)


def test_the_people_list_filter_finds_a_phone_in_another_format(logged_in):
    PersonFactory(name="Li Wei", phone="+86 531 8888 1234")
    assert "Li Wei" in logged_in.get("/people/?q=(0531) 8888-1234").get_data(as_text=True)


def test_a_single_letter_in_the_company_list_finds_names_starting_with_it(logged_in):
    CompanyFactory(name="Weber Optics GmbH")
    CompanyFactory(name="Dresden Chip Design")
    text = logged_in.get("/companies/?q=w").get_data(as_text=True)
    assert "Weber Optics GmbH" in text and "Dresden Chip Design" not in text


def test_a_company_saved_without_latin_name_gets_the_pinyin_suggested(logged_in):
    response = logged_in.post("/companies/new", data={"name": "", "name_local": "济南激光科技有限公司",
                                                      "kind": "enterprise", "status": "new"})
    text = response.get_data(as_text=True)
    assert 'value="Jinan Jiguang Keji Youxian Gongsi"' in text and "Suggested from the Chinese name" in text
    assert db.session.scalar(sa.select(sa.func.count(Company.id))) == 0


def test_a_person_saved_without_latin_name_gets_surname_and_given_name_suggested(logged_in):
    response = logged_in.post("/people/new", data={"name": "", "name_local": "王思国"})
    assert 'value="Wang Siguo"' in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Person.id))) == 0


def test_a_name_without_chinese_is_simply_required(logged_in):
    response = logged_in.post("/companies/new", data={"name": "", "name_local": "Мир", "kind": "enterprise",
                                                      "status": "new"})
    assert "This field is required." in response.get_data(as_text=True)


def test_the_form_script_gets_the_pinyin_as_json(logged_in):
    response = logged_in.get("/search/romanise", query_string={"text": "李伟", "kind": "person"})
    assert response.get_json() == {"latin": "Li Wei"}


def test_the_forms_tell_the_script_where_to_ask_for_pinyin(logged_in):
    text = logged_in.get("/companies/new").get_data(as_text=True)
    assert 'data-romanise-url="/search/romanise"' in text and 'data-romanise="company"' in text


def test_an_alternative_name_added_on_the_form_is_found(logged_in):
    company = CompanyFactory(name="Jinan International Economic Relations Office")
    logged_in.post(f"/companies/{company.id}/edit", data={
        "name": company.name, "kind": "enterprise", "status": "new", "version": company.version,
        "alternative_names-0-name": "JIER", "alternative_names-0-kind": "abbreviation"})
    assert "Jinan International Economic Relations Office" in logged_in.get("/search/?q=jier").get_data(as_text=True)


def test_a_company_in_the_trash_is_not_found_until_restored(logged_in, manager):
    from crm.services import history

    company = CompanyFactory(name="Elbe Photonics")
    history.soft_delete(company, manager.id)
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SearchEntry)) == 0
    history.restore(company)
    db.session.commit()
    assert "Elbe Photonics" in logged_in.get("/search/?q=photonics").get_data(as_text=True)
