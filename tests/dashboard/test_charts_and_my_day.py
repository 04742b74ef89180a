"""The dashboard's charts, the status history behind the pipeline comparison, recently
viewed companies and "my day"."""
from datetime import date, datetime, time

import pytest

from crm.dashboard.queries import pipeline_at
from crm.extensions import db
from crm.models import (
    CompanyStatusChange,
    Delegation,
    Event,
    EventKind,
    Meeting,
    MeetingDay,
    Participant,
    PipelineStatus,
    RecentCompany,
    Visit,
)
from crm.services.recent import KEPT
from tests.factories import CompanyFactory, FollowUpFactory, InteractionFactory, UserFactory

NOW = datetime(2026, 11, 25, 10, 0)  # Wednesday, 11:00 in Dresden
TODAY = date(2026, 11, 25)


@pytest.fixture(autouse=True)
def stopped_clock(freeze_clock):
    freeze_clock(NOW)


def page_of(client, path="/"):
    response = client.get(path)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_contacts_per_month_are_drawn_per_office_for_24_months(logged_in, staff, vantaa):
    InteractionFactory(author=staff, occurred_at=datetime(2026, 11, 2))
    InteractionFactory(author=staff, occurred_at=datetime(2024, 11, 30))  # 25 months ago: left out
    InteractionFactory(author=UserFactory(office=vantaa), occurred_at=datetime(2025, 1, 5))

    page = page_of(logged_in)

    assert 'id="chart-contacts"' in page
    assert "Dresden: Dec 24 0," in page and "Nov 26 1" in page
    assert "Vantaa: Dec 24 0, Jan 25 1," in page


def test_follow_up_timeliness_chart_counts_on_time_late_and_open(logged_in, staff):
    FollowUpFactory(assignee=staff, due_on=date(2026, 11, 10), done_at=datetime(2026, 11, 10, 9), done_by=staff)
    FollowUpFactory(assignee=staff, due_on=date(2026, 11, 10), done_at=datetime(2026, 11, 12, 9), done_by=staff)
    FollowUpFactory(assignee=staff, due_on=date(2026, 11, 11))

    page = page_of(logged_in)

    assert "Done on time: " in page and "Nov 1" in page.split("Done on time: ")[1].split(";")[0]
    assert "Done late: " in page and page.split("Done late: ")[1].split(";")[0].endswith("Nov 1")
    assert page.split("Still open: ")[1].split("<")[0].endswith("Nov 1")


def test_changing_a_companys_status_records_the_change(logged_in):
    company = CompanyFactory(status=PipelineStatus.CONTACTED)
    company.status = PipelineStatus.INTERESTED
    db.session.commit()

    change = db.session.scalars(db.select(CompanyStatusChange)).one()
    assert (change.company_id, change.from_status, change.to_status) == (
        company.id, PipelineStatus.CONTACTED, PipelineStatus.INTERESTED)


def test_a_new_company_and_an_unchanged_status_record_nothing(logged_in):
    company = CompanyFactory(status=PipelineStatus.NEW)
    company.status = PipelineStatus.NEW
    db.session.commit()
    assert db.session.scalars(db.select(CompanyStatusChange)).all() == []


def test_the_pipeline_at_an_earlier_moment_is_rebuilt_from_the_history():
    moment = datetime(2026, 10, 1)
    moved = CompanyFactory(status=PipelineStatus.PARTNER, created_at=datetime(2026, 1, 1))
    db.session.add_all([
        CompanyStatusChange(company_id=moved.id, from_status=PipelineStatus.NEW,
                            to_status=PipelineStatus.CONTACTED, changed_at=datetime(2026, 9, 1)),
        CompanyStatusChange(company_id=moved.id, from_status=PipelineStatus.CONTACTED,
                            to_status=PipelineStatus.INTERESTED, changed_at=datetime(2026, 10, 5)),
        CompanyStatusChange(company_id=moved.id, from_status=PipelineStatus.INTERESTED,
                            to_status=PipelineStatus.PARTNER, changed_at=datetime(2026, 11, 1)),
    ])
    CompanyFactory(status=PipelineStatus.PARTNER, created_at=datetime(2026, 2, 1))  # unchanged since
    CompanyFactory(status=PipelineStatus.NEW, created_at=datetime(2026, 11, 1))  # did not exist yet
    db.session.commit()

    counts = {PipelineStatus(status): count for status, count in db.session.execute(pipeline_at(moment))}

    assert counts == {PipelineStatus.CONTACTED: 1, PipelineStatus.PARTNER: 1}


def test_the_dashboard_shows_the_change_since_the_quarter_began(logged_in):
    company = CompanyFactory(status=PipelineStatus.PARTNER, created_at=datetime(2026, 1, 1))
    db.session.add(CompanyStatusChange(company_id=company.id, from_status=PipelineStatus.NEGOTIATING,
                                       to_status=PipelineStatus.PARTNER, changed_at=datetime(2026, 11, 1)))
    db.session.commit()

    page = page_of(logged_in)

    assert "Since Oct 1, 2026" in page
    assert ">1 +1</text>" in page  # partners now, one more than then
    assert '<td class="text-end">−1</td>' in page  # negotiating


def test_a_merged_away_company_keeps_its_status_history_in_the_trash(logged_in, manager):
    from crm.services.merging import merge_companies

    survivor, other = CompanyFactory(), CompanyFactory(status=PipelineStatus.NEW)
    other.status = PipelineStatus.CONTACTED
    db.session.commit()
    merge_companies(survivor, other, set(), by=manager)
    db.session.commit()
    assert [c.company_id for c in db.session.scalars(db.select(CompanyStatusChange))] == [other.id]


def test_upcoming_events_and_delegations_are_listed_together_by_date(logged_in, office):
    db.session.add_all([
        Event(name="Hannover Messe visit", kind=EventKind.FORUM, starts_on=date(2026, 11, 30),
              ends_on=date(2026, 11, 30)),
        Event(name="Past fair", kind=EventKind.FAIR, starts_on=date(2026, 10, 3), ends_on=date(2026, 10, 3)),
        Delegation(name="Jinan laser delegation", starts_on=date(2026, 11, 28), ends_on=date(2026, 12, 4)),
        Delegation(name="Next summer", starts_on=date(2027, 6, 10), ends_on=date(2027, 6, 14)),
    ])
    db.session.commit()

    upcoming = page_of(logged_in).split('id="upcoming"')[1].split("</ul>")[0]

    assert upcoming.index("Jinan laser delegation") < upcoming.index("Hannover Messe visit")  # by date
    assert "Past fair" not in upcoming and "Next summer" not in upcoming


def test_opening_a_company_puts_it_first_among_recently_viewed(logged_in, staff):
    first, second = CompanyFactory(name="Elbe Optics"), CompanyFactory(name="Quan Lasers")
    logged_in.get(f"/companies/{first.id}")
    logged_in.get(f"/companies/{second.id}")
    logged_in.get(f"/companies/{first.id}")

    viewed = page_of(logged_in).split('id="recently-viewed"')[1].split("</ul>")[0]

    assert viewed.index("Elbe Optics") < viewed.index("Quan Lasers")
    assert db.session.scalar(db.select(db.func.count()).select_from(RecentCompany)) == 2


def test_recently_viewed_keeps_only_the_last_few_per_user(logged_in, staff):
    companies = CompanyFactory.create_batch(KEPT + 2)
    for company in companies:
        logged_in.get(f"/companies/{company.id}")

    kept = db.session.scalars(db.select(RecentCompany.company_id).where(RecentCompany.user_id == staff.id)).all()
    assert sorted(kept) == sorted(c.id for c in companies[2:])


def test_recently_viewed_is_per_user(client, auth, staff, office):
    colleague = UserFactory(office=office)
    company = CompanyFactory(name="Elbe Optics")
    auth.login(colleague)
    client.get(f"/companies/{company.id}")
    auth.logout()
    auth.login(staff)

    assert 'id="recently-viewed"' not in page_of(client)


@pytest.fixture
def todays_fair(office):
    """A Dresden fair today, 09:00 to 10:00 local time, 20-minute slots."""
    event = Event(name="Dresden Cooperation Fair", kind=EventKind.FAIR, starts_on=TODAY, ends_on=TODAY,
                  office=office, slot_minutes=20, tables=5)
    event.days = [MeetingDay(day=TODAY, starts_at=time(9), ends_at=time(10))]
    db.session.add(event)
    db.session.commit()
    return event


def meeting(event, company_a, company_b, slot, table):
    side_a, side_b = Participant(event=event, company=company_a), Participant(event=event, company=company_b)
    db.session.add_all([side_a, side_b])
    db.session.add(Meeting(event=event, a=side_a, b=side_b, slot=slot, table_number=table))


def test_my_day_lists_todays_follow_ups_meetings_and_visits(logged_in, staff, todays_fair):
    FollowUpFactory(assignee=staff, due_on=TODAY, next_step="Send the brochure")
    FollowUpFactory(assignee=staff, due_on=date(2026, 11, 20), next_step="Call back about the visit")
    FollowUpFactory(assignee=staff, due_on=date(2026, 11, 26), next_step="Tomorrow's step")
    mine, theirs = CompanyFactory(name="Elbe Optics", owner=staff), CompanyFactory(name="Quan Lasers")
    meeting(todays_fair, theirs, mine, slot=1, table=4)
    delegation = Delegation(name="Jinan laser delegation", starts_on=TODAY, ends_on=TODAY, responsible=staff)
    db.session.add(Visit(delegation=delegation, starts_at=datetime(2026, 11, 25, 13, 0), place="Zeiss plant"))
    db.session.add(Visit(delegation=delegation, starts_at=datetime(2026, 11, 26, 13, 0), place="Tomorrow's plant"))
    db.session.commit()

    page = page_of(logged_in, "/my-day")

    assert "Send the brochure" in page.split('id="follow-ups-today"')[1].split("</section>")[0]
    assert "Call back about the visit" in page and "Tomorrow&#39;s step" not in page
    meetings = page.split('id="meetings-today"')[1].split("</section>")[0]
    assert "09:20–09:40" in meetings and "Table 4" in meetings
    assert meetings.index("Elbe Optics") < meetings.index("Quan Lasers")
    visits = page.split('id="visits-today"')[1].split("</section>")[0]
    assert "14:00" in visits and "Zeiss plant" in visits and "Tomorrow" not in visits


def test_my_day_leaves_out_other_peoples_work(logged_in, staff, office, todays_fair):
    colleague = UserFactory(office=office)
    FollowUpFactory(assignee=colleague, due_on=TODAY, next_step="Colleague's step")
    meeting(todays_fair, CompanyFactory(), CompanyFactory(owner=colleague), slot=0, table=1)
    db.session.commit()

    page = page_of(logged_in, "/my-day")

    assert "Colleague" not in page
    assert "No fair meetings of your companies today." in page
    assert page.count("<h1") == 1


def test_my_day_is_in_the_menu(logged_in):
    assert 'href="/my-day"' in page_of(logged_in)
