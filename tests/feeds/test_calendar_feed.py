"""GET /calendar/<token>.ics: a user's follow-ups, fair meetings and delegation visits, opened by the token alone."""
import secrets
from datetime import date, datetime, timedelta, timezone

import pytest

from crm.extensions import db
from crm.models import DelegationStatus
from tests.factories import CompanyFactory, FollowUpFactory, PersonFactory, UserFactory
from tests.feeds.conftest import entries


@pytest.fixture
def owner(staff):
    staff.calendar_token = secrets.token_urlsafe(32)
    db.session.commit()
    return staff


def feed(client, user):
    response = client.get(f"/calendar/{user.calendar_token}.ics")
    assert response.status_code == 200, response.status_code
    return response


# --- who can open it ---

def test_the_feed_needs_no_login_only_the_token(client, owner):
    response = feed(client, owner)

    assert response.content_type == "text/calendar; charset=utf-8"
    assert response.headers["Cache-Control"].startswith("private")
    assert response.data.startswith(b"BEGIN:VCALENDAR")
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT1H" in response.data and b"X-PUBLISHED-TTL:PT1H" in response.data


def test_an_unknown_token_is_404(client, owner):
    assert client.get(f"/calendar/{secrets.token_urlsafe(32)}.ics").status_code == 404
    assert client.get("/calendar/.ics").status_code == 404


def test_a_revoked_token_is_404(client, owner):
    token = owner.calendar_token
    owner.calendar_token = None
    db.session.commit()

    assert client.get(f"/calendar/{token}.ics").status_code == 404


def test_an_inactive_users_feed_is_404(client, owner):
    owner.active = False
    db.session.commit()

    assert client.get(f"/calendar/{owner.calendar_token}.ics").status_code == 404


# --- follow-ups ---

def test_open_follow_ups_are_all_day_entries_on_the_due_date(client, owner):
    company = CompanyFactory(name="Elbe Photonics")
    person = PersonFactory(name="Katrin Weber", email="kw@elbe.de")
    follow_up = FollowUpFactory(assignee=owner, company=company, person=person, next_step="Send the brochure",
                                due_on=date(2026, 12, 3))

    entry = entries(feed(client, owner).data)[f"follow-up-{follow_up.id}@jadebridge"]

    assert str(entry["SUMMARY"]) == "Follow-up: Elbe Photonics – Send the brochure"
    assert entry.decoded("DTSTART") == date(2026, 12, 3) and entry.decoded("DTEND") == date(2026, 12, 4)
    assert "Katrin Weber" in str(entry["DESCRIPTION"]) and "kw@elbe.de" in str(entry["DESCRIPTION"])
    assert str(entry["URL"]) == f"http://localhost/companies/{company.id}"


def test_done_and_other_peoples_follow_ups_are_left_out(client, owner, office):
    FollowUpFactory(assignee=owner, done_at=datetime(2026, 11, 1, 9), done_by=owner)
    FollowUpFactory(assignee=UserFactory(office=office))

    assert entries(feed(client, owner).data) == {}


def test_overdue_follow_ups_stay_in_the_feed(client, owner):
    follow_up = FollowUpFactory(assignee=owner, due_on=date.today() - timedelta(days=400))

    assert f"follow-up-{follow_up.id}@jadebridge" in entries(feed(client, owner).data)


# --- fair meetings ---

def test_meetings_of_owned_companies_have_time_table_counterpart_and_event_in_utc(
    client, owner, fair, meeting_factory
):
    own = CompanyFactory(name="Elbe Photonics", owner=owner)
    counterpart = CompanyFactory(name="Jinan Laser Tech")
    meeting = meeting_factory(fair, counterpart, own, slot=3, table=7)  # the owned company on side B

    entry = entries(feed(client, owner).data)[f"meeting-{meeting.id}@jadebridge"]

    # Slot 3: after 09:00, 09:20, 09:40 and the 10:00-10:30 break, 10:30-10:50 in Dresden (CEST, UTC+2).
    assert entry.decoded("DTSTART") == datetime(2026, 6, 10, 8, 30, tzinfo=timezone.utc)
    assert entry.decoded("DTEND") == datetime(2026, 6, 10, 8, 50, tzinfo=timezone.utc)
    assert b"DTSTART:20260610T083000Z" in feed(client, owner).data
    assert str(entry["SUMMARY"]) == "Fair meeting: Elbe Photonics – Jinan Laser Tech"
    assert str(entry["LOCATION"]) == "Table 7, Congress Center, Dresden"
    description = str(entry["DESCRIPTION"])
    assert "Jinan European Industry Cooperation Fair" in description and "Counterpart: Jinan Laser Tech" in description


def test_meetings_of_companies_owned_by_others_are_left_out(client, owner, office, fair, meeting_factory):
    someone_else = UserFactory(office=office)
    meeting_factory(fair, CompanyFactory(owner=someone_else), CompanyFactory())

    assert entries(feed(client, owner).data) == {}


def test_a_meeting_outside_the_grid_is_an_all_day_entry_on_the_first_fair_day(client, owner, fair, meeting_factory):
    meeting = meeting_factory(fair, CompanyFactory(owner=owner), CompanyFactory(), slot=99)

    entry = entries(feed(client, owner).data)[f"meeting-{meeting.id}@jadebridge"]

    assert entry.decoded("DTSTART") == date(2026, 6, 10)


def test_meetings_of_long_past_fairs_are_left_out(client, owner, fair, meeting_factory):
    fair.starts_on = fair.ends_on = date.today() - timedelta(days=400)
    meeting_factory(fair, CompanyFactory(owner=owner), CompanyFactory())

    assert entries(feed(client, owner).data) == {}


# --- delegation visits ---

def test_visits_of_delegations_the_user_is_responsible_for_are_in_utc(client, owner, delegation_factory,
                                                                      visit_factory):
    delegation = delegation_factory(owner, name="Jinan delegation to Saxony")
    host = CompanyFactory(name="Dresden Chip Design")
    visit = visit_factory(delegation, datetime(2026, 6, 9, 7, 0), datetime(2026, 6, 9, 9, 0), host=host,
                          place="Dresden, Königsbrücker Str. 1")

    entry = entries(feed(client, owner).data)[f"visit-{visit.id}@jadebridge"]

    assert str(entry["SUMMARY"]) == "Delegation visit: Jinan delegation to Saxony – Dresden Chip Design"
    assert entry.decoded("DTSTART") == datetime(2026, 6, 9, 7, 0, tzinfo=timezone.utc)
    assert entry.decoded("DTEND") == datetime(2026, 6, 9, 9, 0, tzinfo=timezone.utc)
    assert str(entry["LOCATION"]) == "Dresden, Königsbrücker Str. 1"


def test_a_visit_without_an_end_lasts_an_hour(client, owner, delegation_factory, visit_factory):
    visit = visit_factory(delegation_factory(owner), datetime(2026, 6, 9, 7, 0), place="Site tour")

    entry = entries(feed(client, owner).data)[f"visit-{visit.id}@jadebridge"]

    assert entry.decoded("DTEND") == datetime(2026, 6, 9, 8, 0, tzinfo=timezone.utc)


def test_visits_of_others_and_of_cancelled_delegations_are_left_out(client, owner, office, delegation_factory,
                                                                    visit_factory):
    visit_factory(delegation_factory(UserFactory(office=office)), datetime(2026, 6, 9, 7, 0))
    visit_factory(delegation_factory(owner, status=DelegationStatus.CANCELLED), datetime(2026, 6, 9, 7, 0))

    assert entries(feed(client, owner).data) == {}


def test_the_calendar_is_named_after_the_user(client, owner):
    owner.name = "Anna Schmidt"
    db.session.commit()

    assert b"X-WR-CALNAME:Jadebridge: Anna Schmidt" in feed(client, owner).data


def test_the_feed_needs_the_same_number_of_queries_for_more_entries(client, owner, fair, meeting_factory,
                                                                     delegation_factory, visit_factory,
                                                                     count_queries):
    delegation = delegation_factory(owner)

    def add(n):
        for _ in range(n):
            FollowUpFactory(assignee=owner, person=PersonFactory())
            meeting_factory(fair, CompanyFactory(owner=owner), CompanyFactory(), slot=0,
                            table=len(fair.participants) + 1)
            visit_factory(delegation, datetime(2026, 6, 9, 7, 0), host=CompanyFactory())

    add(1)
    with count_queries() as few:
        feed(client, owner)
    add(5)
    with count_queries() as many:
        feed(client, owner)

    assert len(many) == len(few)
