"""Who may do what on the company pages, and what the pages offer them."""
import io
from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from crm.extensions import db
from crm.models import Company, PipelineStatus, Role
from tests.companies.markup import check_page
from tests.factories import (
    AffiliationFactory,
    CompanyFactory,
    FollowUpFactory,
    InteractionFactory,
    OfficeFactory,
    PersonFactory,
    TagFactory,
    UserFactory,
)


@pytest.mark.parametrize("path", ["/companies/new", "/companies/{id}/edit"])
def test_viewer_gets_403_on_the_forms(client, auth, viewer, path):
    company = CompanyFactory()
    auth.login(viewer)
    assert client.get(path.format(id=company.id)).status_code == 403
    assert client.post(path.format(id=company.id), data={"name": "Changed", "kind": "enterprise",
                                                          "status": "new"}).status_code == 403
    db.session.refresh(company)
    assert company.name != "Changed"


def test_viewer_sees_no_write_buttons(client, auth, viewer):
    company = CompanyFactory()
    InteractionFactory(company=company, summary="A call")
    auth.login(viewer)
    text = client.get(f"/companies/{company.id}").get_data(as_text=True)
    assert "A call" in text
    for endpoint in ["/interactions/new", "/edit", "/people/new", "/follow-ups/new"]:
        assert endpoint not in text


def test_unknown_company_edit_is_404(logged_in):
    assert logged_in.get("/companies/999999/edit").status_code == 404
    assert logged_in.post("/companies/999999/edit", data={"name": "X"}).status_code == 404


def test_company_page_links_to_logging_adding_people_and_follow_ups(logged_in):
    company = CompanyFactory()
    text = logged_in.get(f"/companies/{company.id}").get_data(as_text=True)
    assert f"/companies/{company.id}/interactions/new" in text
    assert f"/people/new?company_id={company.id}" in text
    assert f"/follow-ups/new/{company.id}" in text


def test_edit_and_delete_buttons_only_on_my_own_interactions(logged_in, staff):
    company = CompanyFactory()
    mine = InteractionFactory(company=company, author=staff)
    theirs = InteractionFactory(company=company, author=UserFactory())
    text = logged_in.get(f"/companies/{company.id}").get_data(as_text=True)
    assert f"/interactions/{mine.id}/edit" in text and f"/interactions/{mine.id}/delete" in text
    assert f"/interactions/{theirs.id}/edit" not in text and f"/interactions/{theirs.id}/delete" not in text


def test_a_manager_gets_edit_buttons_on_everyones_interactions(client, auth, manager):
    interaction = InteractionFactory(author=UserFactory())
    auth.login(manager)
    text = client.get(f"/companies/{interaction.company_id}").get_data(as_text=True)
    assert f"/interactions/{interaction.id}/edit" in text


def test_open_follow_ups_show_complete_and_change_buttons_and_mark_overdue(logged_in, staff):
    company = CompanyFactory()
    late = FollowUpFactory(company=company, assignee=staff, due_on=date.today() - timedelta(days=5),
                           next_step="Overdue step")
    text = logged_in.get(f"/companies/{company.id}").get_data(as_text=True)
    assert f"/follow-ups/{late.id}/complete" in text and f"/follow-ups/{late.id}/edit" in text
    assert 'class="overdue text-danger"' in text and ">overdue<" in text


def test_past_people_are_marked_as_past(logged_in):
    company = CompanyFactory()
    AffiliationFactory(company=company, person=PersonFactory(name="Former Boss"), ended_on=date(2025, 6, 30))
    text = logged_in.get(f"/companies/{company.id}").get_data(as_text=True)
    assert "Former Boss" in text and "until" in text


def test_edit_form_is_filled_with_the_company(logged_in):
    company = CompanyFactory(name="Jinan Laser", name_local="济南激光", status=PipelineStatus.PARTNER,
                             tags=[TagFactory(name="laser"), TagFactory(name="fair 2015")])
    text = logged_in.get(f"/companies/{company.id}/edit").get_data(as_text=True)
    assert 'value="Jinan Laser"' in text and 'value="济南激光"' in text
    assert 'selected value="partner"' in text
    assert 'value="fair 2015, laser"' in text


def test_new_company_defaults_to_my_office(logged_in, staff):
    OfficeFactory(name="Vantaa")
    text = logged_in.get("/companies/new").get_data(as_text=True)
    assert f'selected value="{staff.office_id}"' in text


def test_tags_are_reused_whatever_their_case(logged_in):
    company = CompanyFactory()
    logged_in.post("/companies/new", data={"name": "A GmbH", "kind": "enterprise", "status": "new",
                                           "tags": "Laser"})
    logged_in.post(f"/companies/{company.id}/edit", data={"name": company.name, "kind": "enterprise",
                                                          "status": "new", "tags": "LASER, optics"})
    db.session.refresh(company)
    assert [t.name for t in company.tags] == ["Laser", "optics"]


def test_owner_must_be_an_active_user(logged_in):
    gone = UserFactory(active=False)
    response = logged_in.post("/companies/new", data={"name": "A GmbH", "kind": "enterprise", "status": "new",
                                                      "owner_id": gone.id})
    assert "Not a valid choice" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Company)) == 0


def test_filters_by_owner_and_office(logged_in, staff):
    other_office = OfficeFactory(name="Stuttgart")
    colleague = UserFactory(office=other_office)
    CompanyFactory(name="Mine GmbH", owner=staff, office=staff.office)
    CompanyFactory(name="Theirs GmbH", owner=colleague, office=other_office)
    by_owner = logged_in.get(f"/companies/?owner_id={colleague.id}").get_data(as_text=True)
    assert "Theirs GmbH" in by_owner and "Mine GmbH" not in by_owner
    by_office = logged_in.get(f"/companies/?office_id={staff.office_id}").get_data(as_text=True)
    assert "Mine GmbH" in by_office and "Theirs GmbH" not in by_office


def test_an_unknown_filter_value_is_marked_on_the_form(logged_in):
    CompanyFactory(name="Still Listed GmbH")
    response = logged_in.get("/companies/?status=bogus")
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Still Listed GmbH" in text and "Not a valid choice" in text


def test_a_page_past_the_end_is_empty_not_an_error(logged_in):
    CompanyFactory()
    assert logged_in.get("/companies/?page=999").status_code == 200


@pytest.mark.parametrize("sort, first", [("name", "Alpha"), ("-name", "Omega"), ("status", "Omega"),
                                         ("-status", "Alpha")])
def test_sorting_both_ways(logged_in, sort, first):
    CompanyFactory(name="Alpha GmbH", status=PipelineStatus.PARTNER)
    CompanyFactory(name="Omega GmbH", status=PipelineStatus.CONTACTED)
    text = logged_in.get(f"/companies/?sort={sort}").get_data(as_text=True)
    other = "Omega" if first == "Alpha" else "Alpha"
    assert text.index(f"{first} GmbH") < text.index(f"{other} GmbH")


def test_sort_headers_link_to_the_other_direction(logged_in):
    text = logged_in.get("/companies/?sort=name&country=DE").get_data(as_text=True)
    assert "sort=-name" in text and "country=DE" in text


def test_xlsx_export_has_all_filtered_rows_not_only_the_page(logged_in, app):
    CompanyFactory.create_batch(app.config["PER_PAGE"] + 5, country="DE")
    CompanyFactory(country="FI")
    response = logged_in.get("/companies/?country=DE&format=xlsx")
    sheet = load_workbook(io.BytesIO(response.data)).active
    assert sheet.max_row == app.config["PER_PAGE"] + 5 + 1  # and the header


def test_country_names_follow_the_users_language(client, auth, office):
    user = UserFactory(office=office, role=Role.STAFF, language="de")
    CompanyFactory(country="FI")
    auth.login(user)
    assert "Finnland" in client.get("/companies/").get_data(as_text=True)


@pytest.mark.parametrize("path", ["/companies/", "/companies/new", "/companies/{id}", "/companies/{id}/edit"])
def test_pages_have_one_heading_and_labelled_fields(logged_in, path):
    company = CompanyFactory(name_local="济南激光科技有限公司")
    InteractionFactory(company=company)
    check_page(logged_in.get(path.format(id=company.id)).get_data(as_text=True))
