"""The follow-up list: whose, when due, company status, in the reader's own clock."""
import re
from datetime import date, datetime

import pytest

from crm.models import Channel, PipelineStatus, Role
from tests.factories import (
    AffiliationFactory,
    CompanyFactory,
    FollowUpFactory,
    InteractionFactory,
    UserFactory,
)

# A Wednesday, 11:00 in Dresden; the week ends on Sunday 29 November.
NOW = datetime(2026, 11, 25, 10, 0)
TODAY = date(2026, 11, 25)


@pytest.fixture(autouse=True)
def stopped_clock(freeze_clock):
    freeze_clock(NOW)


def plan(user, step, due_on=TODAY, **kwargs):
    kwargs.setdefault("created_by", user)
    return FollowUpFactory(assignee=user, next_step=step, due_on=due_on, **kwargs)


def listed(client, query=""):
    response = client.get("/follow-ups/" + query)
    assert response.status_code == 200
    return response.get_data(as_text=True)


# --- whose ----------------------------------------------------------------------------------------------------------

def test_by_default_i_see_my_open_follow_ups(logged_in, staff, colleague):
    plan(staff, "My open step")
    plan(staff, "My done step", done_at=NOW, done_by=staff)
    plan(colleague, "Colleague's step")

    page = listed(logged_in)

    assert "My open step" in page
    assert "My done step" not in page and "Colleague&#39;s step" not in page


def test_my_office_shows_every_follow_up_of_the_office(logged_in, staff, colleague, vantaa):
    plan(staff, "My step")
    plan(colleague, "Colleague step")
    plan(UserFactory(office=vantaa), "Vantaa step")

    page = listed(logged_in, "?scope=office")

    assert "My step" in page and "Colleague step" in page
    assert "Vantaa step" not in page


def test_a_manager_in_dresden_looks_at_vantaa(client, auth, manager, vantaa):
    plan(UserFactory(office=vantaa), "Vantaa step")
    plan(manager, "Dresden step")
    auth.login(manager)

    page = listed(client, f"?scope=office&office_id={vantaa.id}")

    assert "Vantaa step" in page and "Dresden step" not in page


def test_everyone_shows_all_offices(logged_in, staff, vantaa, jinan):
    plan(staff, "Dresden step")
    plan(UserFactory(office=vantaa), "Vantaa step")
    plan(UserFactory(office=jinan), "Jinan step")

    page = listed(logged_in, "?scope=everyone")

    assert all(step in page for step in ("Dresden step", "Vantaa step", "Jinan step"))


def test_viewers_read_the_lists(client, auth, viewer, staff):
    plan(staff, "Somebody's step")
    auth.login(viewer)

    assert "Somebody&#39;s step" in listed(client, "?scope=everyone")


# --- when due -------------------------------------------------------------------------------------------------------

@pytest.fixture
def calendar(staff):
    """One follow-up of mine on each interesting day."""
    plan(staff, "Step of last week", date(2026, 11, 18))
    plan(staff, "Step of yesterday", date(2026, 11, 24))
    plan(staff, "Step of today", TODAY)
    plan(staff, "Step of Sunday", date(2026, 11, 29))
    plan(staff, "Step of next Monday", date(2026, 11, 30))
    plan(staff, "Step done yesterday", date(2026, 11, 24), done_at=NOW, done_by=staff)
    return ["Step of last week", "Step of yesterday", "Step of today", "Step of Sunday", "Step of next Monday",
            "Step done yesterday"]


@pytest.mark.parametrize("query, expected", [
    ("?due=overdue", {"Step of last week", "Step of yesterday"}),
    ("?due=today", {"Step of today"}),
    ("?due=week", {"Step of today", "Step of Sunday"}),
    ("?due=range&date_from=2026-11-24&date_to=2026-11-29", {"Step of yesterday", "Step of today", "Step of Sunday"}),
    ("?due=range&date_from=2026-11-29", {"Step of Sunday", "Step of next Monday"}),
    ("?due=range&date_to=2026-11-18", {"Step of last week"}),
    ("?due=open", {"Step of last week", "Step of yesterday", "Step of today", "Step of Sunday", "Step of next Monday"}),
    ("", {"Step of last week", "Step of yesterday", "Step of today", "Step of Sunday", "Step of next Monday"}),
    ("?due=done", {"Step done yesterday"}),
])
def test_due_filters(logged_in, calendar, query, expected):
    page = listed(logged_in, query)

    assert {step for step in calendar if step in page} == expected


def test_open_follow_ups_are_sorted_by_due_date(logged_in, staff):
    plan(staff, "Second", date(2026, 11, 27))
    plan(staff, "First", date(2026, 11, 20))
    plan(staff, "Third", date(2026, 12, 20))

    page = listed(logged_in)

    assert page.index("First") < page.index("Second") < page.index("Third")


def test_overdue_rows_are_highlighted(logged_in, staff):
    plan(staff, "Late step", date(2026, 11, 24))

    page = listed(logged_in)

    assert 'class="text-nowrap overdue"' in page and "(overdue)" in page


def test_today_is_not_overdue(logged_in, staff):
    plan(staff, "Step of today", TODAY)

    assert "overdue" not in listed(logged_in).split("<tbody>")[1]


# --- time zones -----------------------------------------------------------------------------------------------------

@pytest.fixture
def midnight_in_jinan(freeze_clock):
    """16:30 UTC: already Thursday 00:30 in Jinan, still Wednesday 18:30 in Vantaa."""
    freeze_clock(datetime(2026, 11, 25, 16, 30))


def test_today_is_the_readers_own_today(app, midnight_in_jinan, vantaa, jinan):
    finn = UserFactory(office=vantaa, role=Role.MANAGER)
    chen = UserFactory(office=jinan, role=Role.MANAGER)
    plan(finn, "Due Wednesday", date(2026, 11, 25))
    plan(finn, "Due Thursday", date(2026, 11, 26))
    views = {}
    for user in (finn, chen):
        client = app.test_client()
        client.post("/login", data={"email": user.email, "password": "correct horse battery"})
        views[user.office.name] = {
            due: listed(client, f"?scope=everyone&due={due}") for due in ("today", "overdue")
        }

    assert "Due Wednesday" in views["Vantaa"]["today"] and "Due Thursday" not in views["Vantaa"]["today"]
    assert "Due Wednesday" not in views["Vantaa"]["overdue"]
    assert "Due Thursday" in views["Jinan"]["today"] and "Due Wednesday" not in views["Jinan"]["today"]
    assert "Due Wednesday" in views["Jinan"]["overdue"]


def test_this_week_ends_on_the_readers_sunday(app, freeze_clock, vantaa, jinan):
    freeze_clock(datetime(2026, 11, 29, 16, 30))  # Sunday 18:30 in Vantaa, Monday 00:30 in Jinan
    finn = UserFactory(office=vantaa, role=Role.MANAGER)
    chen = UserFactory(office=jinan, role=Role.MANAGER)
    plan(finn, "Due next Tuesday", date(2026, 12, 1))
    weeks = {}
    for user in (finn, chen):
        client = app.test_client()
        client.post("/login", data={"email": user.email, "password": "correct horse battery"})
        weeks[user.office.name] = listed(client, "?scope=everyone&due=week")

    assert "Due next Tuesday" not in weeks["Vantaa"]
    assert "Due next Tuesday" in weeks["Jinan"]


# --- company status -------------------------------------------------------------------------------------------------

def test_filter_by_company_pipeline_status(logged_in, staff):
    plan(staff, "Partner step", company=CompanyFactory(status=PipelineStatus.PARTNER))
    plan(staff, "New step", company=CompanyFactory(status=PipelineStatus.NEW))

    page = listed(logged_in, "?status=partner")

    assert "Partner step" in page and "New step" not in page


def test_filters_combine(logged_in, staff, colleague):
    partner = CompanyFactory(status=PipelineStatus.PARTNER)
    plan(staff, "Mine, partner, overdue", date(2026, 11, 2), company=partner)
    plan(staff, "Mine, partner, later", date(2026, 12, 2), company=partner)
    plan(colleague, "Colleague, partner, overdue", date(2026, 11, 2), company=partner)

    page = listed(logged_in, "?scope=mine&due=overdue&status=partner")

    assert "Mine, partner, overdue" in page
    assert "Mine, partner, later" not in page and "Colleague, partner, overdue" not in page


# --- bad filters ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("query, message", [
    ("?due=range&date_from=2026-13-45", "Not a valid date value."),
    ("?due=range&date_to=yesterday", "Not a valid date value."),
    ("?due=range&date_from=2026-12-10&date_to=2026-12-01", "The end of the range is before its start."),
    ("?due=range", "Give a start or an end date for a date range."),
    ("?scope=nobody", "Not a valid choice."),
    ("?due=someday", "Not a valid choice."),
    ("?status=bankrupt", "Not a valid choice."),
    ("?office_id=abc&scope=office", "Invalid Choice: could not coerce."),
])
def test_bad_filters_are_field_messages(logged_in, staff, query, message):
    plan(staff, "Some step")

    page = listed(logged_in, query)

    assert message in page
    assert "Some step" not in page
    assert "Please correct the filter" in page


def test_bad_filters_on_an_export_are_field_messages_too(logged_in):
    response = logged_in.get("/follow-ups/?format=csv&due=range&date_from=31.12.2026")

    assert response.status_code == 200 and "Not a valid date value." in response.get_data(as_text=True)


def test_a_bad_page_number_shows_the_first_page(logged_in, staff):
    plan(staff, "Some step")

    assert "Some step" in listed(logged_in, "?page=abc")
    assert "Some step" in listed(logged_in, "?page=-3")


# --- what a row shows -----------------------------------------------------------------------------------------------

def test_a_row_shows_company_contact_and_last_interaction(logged_in, staff):
    company = CompanyFactory(name="Saxon Optics GmbH")
    person = AffiliationFactory(company=company, person__name="Anke Vogel").person
    InteractionFactory(company=company, author=staff, occurred_at=datetime(2026, 11, 2, 9), summary="Older call")
    InteractionFactory(company=company, author=staff, occurred_at=datetime(2026, 11, 20, 9),
                       channel=Channel.WECHAT, summary="Latest chat")
    InteractionFactory(author=staff, occurred_at=datetime(2026, 11, 24, 9), summary="Another company's contact")
    plan(staff, "Send samples", company=company, person=person)

    page = listed(logged_in)

    assert f'href="/companies/{company.id}">Saxon Optics GmbH</a>' in page
    assert f'href="/people/{person.id}">Anke Vogel</a>' in page
    assert "Latest chat" in page and "WeChat" in page
    assert "Older call" not in page and "Another company" not in page


def test_staff_get_action_buttons_only_for_their_own(logged_in, staff, colleague):
    mine = plan(staff, "Mine")
    theirs = plan(colleague, "Theirs")

    page = listed(logged_in, "?scope=office")

    assert f"/follow-ups/{mine.id}/complete" in page and f"/follow-ups/{mine.id}/edit" in page
    assert f"/follow-ups/{theirs.id}/complete" not in page and f"/follow-ups/{theirs.id}/edit" not in page


def test_managers_get_action_buttons_for_everyone(client, auth, manager, colleague):
    theirs = plan(colleague, "Theirs")
    auth.login(manager)

    page = listed(client, "?scope=office")

    assert f"/follow-ups/{theirs.id}/complete" in page


def test_viewers_get_no_action_buttons(client, auth, viewer, colleague):
    theirs = plan(colleague, "Theirs")
    auth.login(viewer)

    page = listed(client, "?scope=everyone")

    assert "Theirs" in page and f"/follow-ups/{theirs.id}/complete" not in page


def test_the_action_buttons_come_back_to_the_list(logged_in, staff):
    mine = plan(staff, "Mine")

    page = listed(logged_in, "?due=today")

    assert f"/follow-ups/{mine.id}/complete?next=/follow-ups/?due%3Dtoday" in page


def test_the_list_is_paginated(logged_in, staff):
    for day in range(1, 31):
        plan(staff, f"Step {day:02d}", date(2026, 12, day))

    first, second = listed(logged_in), listed(logged_in, "?page=2")

    assert "Step 25" in first and "Step 26" not in first
    assert "Step 26" in second and "Step 30" in second and "Step 25" not in second
    assert "30 in all" in first


# --- statements -----------------------------------------------------------------------------------------------------

def fill(staff, colleague, count):
    """`count` follow-ups with company, contact and history; some mine, some done."""
    for n in range(count):
        company = CompanyFactory()
        person = AffiliationFactory(company=company).person
        InteractionFactory(company=company, author=colleague)
        plan(staff if n % 2 else colleague, f"Step {n}", date(2026, 11, 20 + n % 10), company=company, person=person,
             created_by=staff, done_at=NOW if n % 5 == 0 else None, done_by=staff if n % 5 == 0 else None)


@pytest.mark.parametrize("query", ["?scope=office", "?scope=office&due=done", "?scope=office&format=csv"])
def test_the_list_needs_the_same_statements_for_2_and_20_rows(logged_in, staff, colleague, count_queries, query):
    counts = []
    for added in (2, 18):  # 2 rows, then 20
        fill(staff, colleague, added)
        with count_queries() as statements:
            assert logged_in.get("/follow-ups/" + query).status_code == 200
        counts.append(len(statements))

    assert counts[0] == counts[1]


def test_done_follow_ups_show_the_latest_first_with_their_outcome(logged_in, staff):
    plan(staff, "Done earlier", date(2026, 11, 2), done_at=NOW, done_by=staff)
    plan(staff, "Done later", date(2026, 11, 20), done_at=NOW, done_by=staff, outcome_note="They signed.")

    page = listed(logged_in, "?due=done")

    assert page.index("Done later") < page.index("Done earlier")
    assert "They signed." in page


@pytest.mark.parametrize("path", ["/follow-ups/", "/follow-ups/?due=range", "/follow-ups/new/{company}",
                                  "/follow-ups/{follow_up}/edit", "/follow-ups/{follow_up}/complete"])
def test_every_page_has_one_h1_and_labelled_fields(logged_in, staff, path):
    follow_up = plan(staff, "Step")

    response = logged_in.get(path.format(company=follow_up.company_id, follow_up=follow_up.id))

    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert html.count("<h1") == 1
    fields = re.findall(r'<(?:input|select|textarea)(?![^>]*type="(?:submit|hidden)")[^>]*\sid="([^"]+)"', html)
    assert fields
    assert [f for f in fields if f'for="{f}"' not in html] == []
