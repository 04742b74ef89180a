"""The dashboard: my follow-ups to act on, my office's recent contacts, the pipeline."""
import re
from datetime import date, datetime, timedelta

import pytest

from crm.models import Channel, PipelineStatus, utcnow
from tests.factories import AffiliationFactory, CompanyFactory, FollowUpFactory, InteractionFactory, UserFactory

NOW = datetime(2026, 11, 25, 10, 0)  # Wednesday, 11:00 in Dresden
TODAY = date(2026, 11, 25)


@pytest.fixture(autouse=True)
def stopped_clock(freeze_clock):
    freeze_clock(NOW)


def plan(user, step, due_on, **kwargs):
    kwargs.setdefault("created_by", user)
    return FollowUpFactory(assignee=user, next_step=step, due_on=due_on, **kwargs)


def dashboard(client):
    response = client.get("/")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def section(page, heading_id):
    """The HTML of one <section> of the page."""
    start = page.index(f'aria-labelledby="{heading_id}"')
    return page[start:page.index("</section>", start)]


def test_the_dashboard_needs_a_login(client):
    assert client.get("/").headers["Location"].startswith("/login")


def test_the_page_has_one_h1(logged_in):
    assert dashboard(logged_in).count("<h1") == 1


def test_my_overdue_and_this_weeks_follow_ups_are_listed_apart(logged_in, staff, office):
    plan(staff, "Late step", date(2026, 11, 20))
    plan(staff, "Today step", TODAY)
    plan(staff, "Sunday step", date(2026, 11, 29))
    plan(staff, "Next week step", date(2026, 11, 30))
    plan(staff, "Done step", date(2026, 11, 20), done_at=NOW, done_by=staff)
    plan(UserFactory(office=office), "Colleague's late step", date(2026, 11, 20))

    page = dashboard(logged_in)
    overdue, this_week = section(page, "overdue-heading"), section(page, "week-heading")

    assert "Late step" in overdue and "Today step" not in overdue
    assert "Today step" in this_week and "Sunday step" in this_week and "Late step" not in this_week
    assert "Next week step" not in page and "Done step" not in page and "Colleague" not in page


def test_my_follow_ups_link_to_acting_on_them(logged_in, staff):
    follow_up = plan(staff, "Late step", date(2026, 11, 20))

    page = dashboard(logged_in)

    assert f'href="/follow-ups/{follow_up.id}/complete?next=/"' in page
    assert f'href="/follow-ups/{follow_up.id}/edit?next=/"' in page
    assert f'href="/companies/{follow_up.company_id}"' in page


def test_empty_lists_say_so(logged_in):
    page = dashboard(logged_in)

    assert "Nothing overdue." in page and "Nothing due this week." in page and "No contacts logged yet." in page


def test_recent_contacts_are_my_offices_latest_15(logged_in, staff, office, vantaa):
    colleague = UserFactory(office=office, name="Dora Dresden")
    for n in range(17):
        InteractionFactory(author=colleague, occurred_at=datetime(2026, 11, 1, 9) + timedelta(days=n),
                           summary=f"Contact {n:02d}", channel=Channel.WECHAT)
    InteractionFactory(author=UserFactory(office=vantaa), occurred_at=datetime(2026, 11, 24), summary="Vantaa call")

    recent = section(dashboard(logged_in), "recent-heading")

    assert [f"Contact {n:02d}" in recent for n in range(17)] == [False, False] + [True] * 15
    assert recent.index("Contact 16") < recent.index("Contact 02")
    assert "Vantaa call" not in recent
    assert "WeChat" in recent and "Dora Dresden" in recent


def test_pipeline_counts_link_to_the_filtered_company_list(logged_in):
    for status in (PipelineStatus.NEW, PipelineStatus.NEW, PipelineStatus.PARTNER):
        CompanyFactory(status=status)

    pipeline = section(dashboard(logged_in), "pipeline-heading")

    def count(status):
        match = re.search(rf'href="/companies/\?status={status}">[^<]+</a></th>\s*<td[^>]*>(\d+)</td>', pipeline)
        return int(match.group(1))

    assert (count("new"), count("partner"), count("declined")) == (2, 1, 0)
    assert re.search(r'All companies</a></th><td[^>]*>3</td>', pipeline)


def test_summary_figures(logged_in, staff, office):
    colleague = UserFactory(office=office)
    plan(staff, "a", date(2026, 11, 20))
    plan(staff, "b", date(2026, 11, 24))
    plan(staff, "c", TODAY)
    plan(staff, "d", date(2026, 12, 24))
    plan(colleague, "e", date(2026, 11, 1))
    InteractionFactory(author=colleague, occurred_at=utcnow() - timedelta(days=3))
    InteractionFactory(author=colleague, occurred_at=utcnow() - timedelta(days=45))

    figures = section(dashboard(logged_in), "figures-heading")

    def figure(label):
        match = re.search(r'(\d+)(?:</a>)?\s*</div>\s*<div class="small text-muted">' + re.escape(label), figures)
        return int(match.group(1))

    assert figure("My overdue follow-ups") == 2
    assert figure("Mine due this week") == 1
    assert figure("My open follow-ups") == 4
    assert figure("Overdue in my office") == 3
    assert figure("Contacts by my office in 30 days") == 1


def test_viewers_see_the_dashboard_without_action_buttons(client, auth, viewer, staff):
    plan(viewer, "Odd assignment", date(2026, 11, 20))
    auth.login(viewer)

    page = dashboard(client)

    assert "Odd assignment" in page and "/complete" not in page


def fill(office, staff, count):
    colleague = UserFactory(office=office)
    for n in range(count):
        company = CompanyFactory(status=list(PipelineStatus)[n % len(PipelineStatus)])
        person = AffiliationFactory(company=company).person
        InteractionFactory(company=company, author=colleague, occurred_at=utcnow() - timedelta(days=n))
        plan(staff, f"Step {n}", date(2026, 11, 20 + n % 10), company=company, person=person)


def test_the_dashboard_needs_the_same_statements_for_2_and_20_rows(logged_in, office, staff, count_queries):
    counts = []
    for added in (2, 18):  # 2 of everything, then 20
        fill(office, staff, added)
        with count_queries() as statements:
            dashboard(logged_in)
        counts.append(len(statements))

    # login, lists and figures, then one per chart, upcoming list, recently viewed and pinned views
    assert counts[0] == counts[1] <= 13
