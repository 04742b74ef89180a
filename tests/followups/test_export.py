"""CSV and XLSX downloads of exactly the filtered follow-ups."""
import csv
import io
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from crm.models import Channel
from tests.factories import AffiliationFactory, CompanyFactory, FollowUpFactory, InteractionFactory, PersonFactory

NOW = datetime(2026, 11, 25, 10, 0)  # Wednesday, 11:00 in Dresden
HEADER = [
    "Due date", "Company", "Contact person", "Contact e-mail", "Contact phone", "Last interaction date",
    "Last interaction channel", "Last interaction summary", "Next step", "Assignee", "Office", "Status",
]


@pytest.fixture(autouse=True)
def stopped_clock(freeze_clock):
    freeze_clock(NOW)


def plan(user, step, due_on, **kwargs):
    return FollowUpFactory(assignee=user, created_by=user, next_step=step, due_on=due_on, **kwargs)


def csv_rows(response):
    return list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig"))))


@pytest.fixture
def saxon_optics(staff):
    company = CompanyFactory(name="Saxon Optics GmbH")
    person = PersonFactory(name="Anke Vogel", email="vogel@saxon-optics.de", phone="+49 351 123")
    AffiliationFactory(company=company, person=person)
    InteractionFactory(company=company, author=staff, occurred_at=datetime(2026, 11, 2, 9), summary="Older call")
    InteractionFactory(company=company, author=staff, occurred_at=datetime(2026, 11, 20, 23, 30),
                       channel=Channel.WECHAT, summary="Latest chat")
    return company, person


def test_csv_has_a_bom_the_header_and_one_row_per_follow_up(logged_in, staff, saxon_optics):
    company, person = saxon_optics
    plan(staff, "Send samples", date(2026, 11, 24), company=company, person=person)

    response = logged_in.get("/follow-ups/?format=csv")

    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert 'filename="follow-ups.csv"' in response.headers["Content-Disposition"]
    assert response.get_data().startswith(b"\xef\xbb\xbf")
    assert csv_rows(response) == [HEADER, [
        "2026-11-24", "Saxon Optics GmbH", "Anke Vogel", "vogel@saxon-optics.de",
        "'+49 351 123",  # crm.exports neutralises a leading '+' like any formula start
        "2026-11-21 00:30",  # 23:30 UTC is past midnight in Dresden
        "WeChat", "Latest chat", "Send samples", staff.name, "Dresden", "open",
    ]]


def test_the_export_has_exactly_the_filtered_rows_on_all_pages(logged_in, staff, colleague):
    for day in range(1, 31):
        plan(staff, f"Mine {day:02d}", date(2026, 12, day))
    plan(staff, "Mine overdue", date(2026, 11, 1))
    plan(colleague, "Colleague's", date(2026, 12, 1))
    plan(staff, "Mine done", date(2026, 12, 1), done_at=NOW, done_by=staff)

    rows = csv_rows(logged_in.get("/follow-ups/?format=csv&due=range&date_from=2026-12-01"))

    assert [row[8] for row in rows[1:]] == [f"Mine {day:02d}" for day in range(1, 31)]


def test_done_follow_ups_are_exported_as_done(logged_in, staff):
    plan(staff, "Mine done", date(2026, 11, 20), done_at=NOW, done_by=staff)

    rows = csv_rows(logged_in.get("/follow-ups/?format=csv&due=done"))

    assert rows[1][8:] == ["Mine done", staff.name, "Dresden", "done"]


def test_a_row_without_contact_or_history_has_empty_cells(logged_in, staff):
    plan(staff, "Cold call", date(2026, 11, 30), company=CompanyFactory(name="Nordic Wind Oy"))

    rows = csv_rows(logged_in.get("/follow-ups/?format=csv"))

    assert rows[1] == ["2026-11-30", "Nordic Wind Oy", "", "", "", "", "", "", "Cold call", staff.name, "Dresden",
                       "open"]


def test_xlsx_opens_in_openpyxl_with_the_same_rows(logged_in, staff, saxon_optics):
    company, person = saxon_optics
    plan(staff, "Send samples", date(2026, 11, 24), company=company, person=person)

    response = logged_in.get("/follow-ups/?format=xlsx")

    assert response.status_code == 200
    assert 'filename="follow-ups.xlsx"' in response.headers["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.get_data())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADER
    assert rows[1][0].date() == date(2026, 11, 24)
    assert rows[1][1:5] == ("Saxon Optics GmbH", "Anke Vogel", "vogel@saxon-optics.de", "'+49 351 123")
    assert rows[1][5] == datetime(2026, 11, 21, 0, 30)
    assert rows[1][6:] == ("WeChat", "Latest chat", "Send samples", staff.name, "Dresden", "open")


def test_cells_that_look_like_formulas_are_neutralised(logged_in, staff):
    company = CompanyFactory(name="=HYPERLINK(\"http://evil.example\")")
    plan(staff, "=1+1", date(2026, 11, 30), company=company)

    csv_row = csv_rows(logged_in.get("/follow-ups/?format=csv"))[1]
    xlsx_row = list(load_workbook(io.BytesIO(logged_in.get("/follow-ups/?format=xlsx").get_data())).active
                    .iter_rows(values_only=True))[1]

    assert csv_row[1] == "'=HYPERLINK(\"http://evil.example\")" and csv_row[8] == "'=1+1"
    assert xlsx_row[1] == "'=HYPERLINK(\"http://evil.example\")" and xlsx_row[8] == "'=1+1"


def test_an_unknown_format_is_a_400(logged_in):
    assert logged_in.get("/follow-ups/?format=pdf").status_code == 400


def test_the_list_page_links_to_both_exports_with_its_filters(logged_in, staff):
    plan(staff, "Something", date(2026, 11, 30))

    page = logged_in.get("/follow-ups/?due=week&page=1").get_data(as_text=True)

    assert 'href="/follow-ups/?due=week&amp;format=csv"' in page
    assert 'href="/follow-ups/?due=week&amp;format=xlsx"' in page
