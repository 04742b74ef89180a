"""Finding a company: search, filters, sorting, pages and exports."""
import csv
import io

import pytest
from openpyxl import load_workbook

from crm.models import PipelineStatus
from tests.factories import AffiliationFactory, CompanyFactory, PersonFactory, SectorFactory, TagFactory


def names_on(response) -> list[str]:
    text = response.get_data(as_text=True)
    return [name for name in ("Jinan Laser", "Dresden Chip", "Vantaa Robotics") if name in text]


@pytest.fixture
def companies():
    laser = CompanyFactory(name="Jinan Laser Technology Co., Ltd.", name_local="济南激光科技有限公司", city="Jinan",
                           country="CN", website="https://www.jinan-laser.cn", status=PipelineStatus.PARTNER)
    chip = CompanyFactory(name="Dresden Chip Design GmbH", city="Dresden", country="DE")
    robots = CompanyFactory(name="Vantaa Robotics Oy", city="Vantaa", country="FI", email="info@vantaarobotics.fi")
    return laser, chip, robots


@pytest.mark.parametrize("query, expected", [
    ("激光", ["Jinan Laser"]),
    ("laser", ["Jinan Laser"]),
    ("jinan-laser.cn", ["Jinan Laser"]),
    ("vantaarobotics.fi", ["Vantaa Robotics"]),
    ("chip design", ["Dresden Chip"]),
    ("100%", []),
])
def test_search_by_name_in_either_script_website_and_email(logged_in, companies, query, expected):
    assert names_on(logged_in.get("/companies/", query_string={"q": query})) == expected


def test_search_by_the_email_domain_of_its_people(logged_in, companies):
    AffiliationFactory(company=companies[1], person=PersonFactory(email="k.weber@tu-dresden.de"))
    assert names_on(logged_in.get("/companies/?q=tu-dresden.de")) == ["Dresden Chip"]


def test_a_plain_word_is_not_looked_for_in_the_emails_of_its_people(logged_in, companies):
    AffiliationFactory(company=companies[1], person=PersonFactory(email="k.weber@tu-dresden.de"))
    assert names_on(logged_in.get("/companies/?q=weber")) == []
    assert names_on(logged_in.get("/companies/?q=k.weber@")) == ["Dresden Chip"]


def test_filters_by_country_status_sector_and_tag(logged_in, companies):
    laser, chip, _ = companies
    sector = SectorFactory(name="Microelectronics")
    tag = TagFactory(name="fair 2015")
    chip.sectors.append(sector)
    laser.tags.append(tag)
    assert names_on(logged_in.get("/companies/?country=DE")) == ["Dresden Chip"]
    assert names_on(logged_in.get("/companies/?status=partner")) == ["Jinan Laser"]
    assert names_on(logged_in.get(f"/companies/?sector_id={sector.id}")) == ["Dresden Chip"]
    assert names_on(logged_in.get(f"/companies/?tag_id={tag.id}")) == ["Jinan Laser"]
    assert names_on(logged_in.get("/companies/?city=vantaa")) == ["Vantaa Robotics"]


def test_invalid_filter_values_are_ignored_not_a_500(logged_in, companies):
    response = logged_in.get("/companies/?status=bogus&sector_id=abc&page=x&sort=nonsense")
    assert response.status_code == 200
    assert len(names_on(response)) == 3


def test_sorting_by_city_descending(logged_in, companies):
    text = logged_in.get("/companies/?sort=-city").get_data(as_text=True)
    assert text.index("Vantaa Robotics") < text.index("Jinan Laser") < text.index("Dresden Chip")


def test_pages_hold_the_configured_number_of_rows(logged_in, app, companies):
    CompanyFactory.create_batch(30)
    first = logged_in.get("/companies/").get_data(as_text=True)
    assert "33 in all" in first
    assert logged_in.get("/companies/?page=2").status_code == 200


def test_csv_export_has_a_bom_and_exactly_the_filtered_rows(logged_in, companies):
    CompanyFactory.create_batch(30, country="DE")
    response = logged_in.get("/companies/?country=FI&format=csv")
    assert response.data.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert [row["name"] for row in rows] == ["Vantaa Robotics Oy"]
    assert rows[0]["email"] == "info@vantaarobotics.fi"


def test_xlsx_export_keeps_chinese_names(logged_in, companies):
    response = logged_in.get("/companies/?country=CN&format=xlsx")
    sheet = load_workbook(io.BytesIO(response.data)).active
    header, row = [c.value for c in sheet[1]], [c.value for c in sheet[2]]
    assert dict(zip(header, row))["name_local"] == "济南激光科技有限公司"
    assert sheet.max_row == 2


def test_export_neutralises_formulas(logged_in):
    CompanyFactory(name="=HYPERLINK(\"http://evil\")")
    response = logged_in.get("/companies/?format=csv")
    assert "'=HYPERLINK" in response.data.decode("utf-8-sig")


def test_unknown_export_format_is_a_400(logged_in):
    assert logged_in.get("/companies/?format=pdf").status_code == 400


def test_list_statements_do_not_grow_with_rows(logged_in, count_queries):
    def statements_for(n):
        for _ in range(n):
            CompanyFactory(sectors=[SectorFactory()], tags=[TagFactory()])
        with count_queries() as statements:
            logged_in.get("/companies/")
        return len(statements)

    assert statements_for(2) == statements_for(20)
