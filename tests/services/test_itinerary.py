"""The itinerary rules: trip and visit dates, the .ics calendar, the spreadsheet rows,
and what a visit's outcome files in the companies' histories."""
from datetime import date, datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar

from crm.models import (
    Channel,
    Company,
    Delegation,
    DelegationMember,
    MeetingOutcome,
    Office,
    Person,
    Role,
    User,
    Visit,
    VisitKind,
)
from crm.services import itinerary

BERLIN = ZoneInfo("Europe/Berlin")
TODAY = date(2016, 4, 12)
NOW = datetime(2016, 4, 12, 12, 0)


def trip(**kwargs) -> Delegation:
    office = Office(id=1, name="Dresden", timezone="Europe/Berlin")
    return Delegation(id=7, name="Jinan high-tech firms in Saxony", starts_on=date(2016, 4, 11),
                      ends_on=date(2016, 4, 15), office=office, **kwargs)


def member(delegation, company_id, name, owner=None) -> DelegationMember:
    return DelegationMember(id=company_id * 10, delegation=delegation,
                            company=Company(id=company_id, name=name, owner=owner, country="CN"))


def visit(delegation, members=(), host=None, **kwargs) -> Visit:
    kwargs.setdefault("starts_at", datetime(2016, 4, 12, 8, 0))
    kwargs.setdefault("ends_at", datetime(2016, 4, 12, 10, 0))
    return Visit(id=3, delegation=delegation, kind=VisitKind.VISIT, host_company=host, members=list(members), **kwargs)


def user(user_id=1, role=Role.STAFF, active=True, office_id=1) -> User:
    return User(id=user_id, name=f"User {user_id}", email=f"u{user_id}@x.org", role=role, active=active,
                office_id=office_id)


# --- dates -----------------------------------------------------------------------------------------------------------

def test_a_trip_may_end_on_its_first_day_but_not_before():
    assert not itinerary.ends_before_start(date(2016, 4, 11), date(2016, 4, 11))
    assert itinerary.ends_before_start(date(2016, 4, 11), date(2016, 4, 10))
    assert not itinerary.ends_before_start(date(2016, 4, 11), None)


def test_a_visit_must_end_after_it_starts():
    start = datetime(2016, 4, 12, 10, 0)
    assert itinerary.visit_ends_too_early(start, start)
    assert not itinerary.visit_ends_too_early(start, datetime(2016, 4, 12, 10, 30))
    assert not itinerary.visit_ends_too_early(start, None)


def test_the_trips_first_and_last_days_are_inside_it():
    first, last = date(2016, 4, 11), date(2016, 4, 15)
    assert not itinerary.outside_trip(first, first, last)
    assert not itinerary.outside_trip(last, first, last)
    assert itinerary.outside_trip(date(2016, 4, 16), first, last)


def test_visits_outside_new_dates_are_judged_by_their_local_day():
    delegation = trip()
    late = visit(delegation, starts_at=datetime(2016, 4, 14, 22, 30), ends_at=None)  # 00:30 on the 15th in Dresden
    early = visit(delegation, starts_at=datetime(2016, 4, 12, 8, 0), ends_at=None)
    assert itinerary.visits_outside([late, early], date(2016, 4, 11), date(2016, 4, 14), BERLIN) == [late]
    assert itinerary.visits_outside([late, early], date(2016, 4, 11), date(2016, 4, 15), BERLIN) == []


# --- calendar and rows -----------------------------------------------------------------------------------------------

def test_the_ics_has_local_times_with_the_offices_tzid_and_its_timezone():
    delegation = trip()
    host = Company(id=5, name="Fraunhofer IWS")
    item = visit(delegation, [member(delegation, 1, "Jinan Laser")], host=host, place="Winterbergstraße 28",
                 interpreter="Chinese–German")

    body = itinerary.itinerary_ics(delegation, [item], BERLIN, NOW)

    text = body.decode()
    assert "DTSTART;TZID=Europe/Berlin:20160412T100000" in text
    assert "DTEND;TZID=Europe/Berlin:20160412T120000" in text
    assert "BEGIN:VTIMEZONE" in text and "TZID:Europe/Berlin" in text
    entry = next(c for c in Calendar.from_ical(body).walk("VEVENT"))
    assert str(entry["summary"]) == "Company visit: Fraunhofer IWS"
    assert str(entry["uid"]) == "delegation-7-visit-3@jadebridge"
    assert str(entry["location"]) == "Winterbergstraße 28"
    assert "Jinan Laser" in str(entry["description"]) and "Chinese–German" in str(entry["description"])


def test_an_item_without_an_end_has_no_dtend():
    delegation = trip()
    body = itinerary.itinerary_ics(delegation, [visit(delegation, host=Company(id=5, name="Host"), ends_at=None)],
                                   BERLIN, NOW)
    assert b"DTEND" not in body


def test_itinerary_rows_show_the_local_day_and_times():
    delegation = trip()
    rows = itinerary.itinerary_rows(
        [visit(delegation, [member(delegation, 2, "B Corp"), member(delegation, 1, "A Corp")],
               host=Company(id=5, name="Host"), interpreter="zh-de")], BERLIN)
    assert rows == [[date(2016, 4, 12), "10:00", "12:00", VisitKind.VISIT, "Host", None, "A Corp, B Corp", "zh-de",
                     None, None, None]]


def test_member_rows_list_the_travellers_and_interests():
    delegation = trip()
    one = member(delegation, 1, "Jinan Laser")
    one.people = [Person(name="Wang Li"), Person(name="Zhao Min")]
    one.interests = "Laser cladding partners"
    assert itinerary.member_rows([one]) == [["Jinan Laser", None, None, "CN", "Wang Li, Zhao Min",
                                             "Laser cladding partners"]]


# --- outcomes --------------------------------------------------------------------------------------------------------

def test_an_outcome_files_an_interaction_for_the_host_and_each_attending_member():
    delegation = trip()
    host = Company(id=5, name="Fraunhofer IWS")
    item = visit(delegation, [member(delegation, 1, "Jinan Laser"), member(delegation, 2, "Qilu Robotics")], host=host)
    me = user()

    result = itinerary.record_visit_outcome(item, MeetingOutcome.INFORMATIVE, " Toured the lab ", me, NOW, TODAY)

    assert [i.company.name for i in result.created] == ["Fraunhofer IWS", "Jinan Laser", "Qilu Robotics"]
    first = result.created[0]
    assert (first.channel, first.occurred_at, first.author, first.office_id) == (
        Channel.VISIT, item.starts_at, me, me.office_id)
    assert "Jinan high-tech firms in Saxony" in first.summary and "Fraunhofer IWS" in first.summary
    assert first.outcome == "Informative, no cooperation yet: Toured the lab"
    assert (item.outcome, item.outcome_note, item.outcome_recorded_at) == (
        MeetingOutcome.INFORMATIVE, "Toured the lab", NOW)
    assert result.follow_ups == []


def test_cooperation_possible_plans_a_follow_up_for_each_company_owner_in_two_weeks():
    delegation = trip()
    owner = user(2)
    item = visit(delegation, [member(delegation, 1, "Jinan Laser", owner=owner)], host=Company(id=5, name="Host"))
    me = user()

    result = itinerary.record_visit_outcome(item, MeetingOutcome.POSSIBLE, None, me, NOW, TODAY)

    assignees = {f.company.name: f.assignee for f in result.follow_ups}
    assert assignees == {"Host": me, "Jinan Laser": owner}  # the host has no owner: the recording user
    assert {f.due_on for f in result.follow_ups} == {date(2016, 4, 26)}
    assert all(f.interaction in result.created and f.created_by is me for f in result.follow_ups)


def test_a_follow_up_never_goes_to_an_owner_who_left_or_only_views():
    me = user()
    assert itinerary.follow_up_assignee(Company(owner=user(2, active=False)), me) is me
    assert itinerary.follow_up_assignee(Company(owner=user(3, role=Role.VIEWER)), me) is me
    manager = user(4, role=Role.MANAGER)
    assert itinerary.follow_up_assignee(Company(owner=manager), me) is manager


def test_a_visit_that_did_not_take_place_files_nothing():
    delegation = trip()
    item = visit(delegation, [member(delegation, 1, "Jinan Laser")], host=Company(id=5, name="Host"))
    result = itinerary.record_visit_outcome(item, MeetingOutcome.NOT_HELD, None, user(), NOW, TODAY)
    assert result.created == [] and result.follow_ups == []
    assert item.outcome == MeetingOutcome.NOT_HELD


def test_recording_again_updates_the_earlier_interactions_and_plans_no_second_follow_up():
    delegation = trip()
    host = Company(id=5, name="Host")
    item = visit(delegation, [member(delegation, 1, "Jinan Laser")], host=host)
    me = user()
    first = itinerary.record_visit_outcome(item, MeetingOutcome.POSSIBLE, None, me, NOW, TODAY)
    for number, interaction in enumerate(first.created, start=100):
        interaction.id = number
    existing = {i.company.id: i for i in first.created}

    again = itinerary.record_visit_outcome(item, MeetingOutcome.AGREEMENT, "Signed an LoI", me, NOW, TODAY,
                                           existing=existing, followed_up={100, 101})

    assert again.created == [] and again.follow_ups == []
    assert again.updated == first.created
    assert {i.outcome for i in again.updated} == {"Agreement reached: Signed an LoI"}


def test_recording_cooperation_after_an_informative_outcome_plans_the_follow_up_then():
    delegation = trip()
    item = visit(delegation, [], host=Company(id=5, name="Host"))
    me = user()
    first = itinerary.record_visit_outcome(item, MeetingOutcome.INFORMATIVE, None, me, NOW, TODAY)
    first.created[0].id = 100

    again = itinerary.record_visit_outcome(item, MeetingOutcome.POSSIBLE, None, me, NOW, TODAY,
                                           existing={5: first.created[0]}, followed_up=set())

    assert len(again.follow_ups) == 1 and again.follow_ups[0].interaction is first.created[0]


def test_a_meeting_without_host_files_only_the_members():
    delegation = trip()
    item = visit(delegation, [member(delegation, 1, "Jinan Laser")], host=None)
    item.kind = VisitKind.MEETING
    result = itinerary.record_visit_outcome(item, MeetingOutcome.INFORMATIVE, None, user(), NOW, TODAY)
    assert [i.company.name for i in result.created] == ["Jinan Laser"]
    assert result.created[0].summary == "Meeting: delegation “Jinan high-tech firms in Saxony”"
