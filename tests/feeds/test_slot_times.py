"""When a fair's meeting slots take place in the feed: slots follow each other over the meeting days,
around breaks (the fairs' own grid, so feed and agendas agree)."""
from datetime import date, datetime, time

from crm.models import Event, MeetingDay
from crm.services.calendar_feed import slot_times


def fair(days, slot_minutes=20):
    return Event(name="Fair", starts_on=days[0].day, ends_on=days[-1].day, slot_minutes=slot_minutes, days=days)


def test_slots_fill_the_day_from_its_start():
    event = fair([MeetingDay(day=date(2026, 6, 10), starts_at=time(9), ends_at=time(10))])

    assert slot_times(event) == [
        (datetime(2026, 6, 10, 9, 0), datetime(2026, 6, 10, 9, 20)),
        (datetime(2026, 6, 10, 9, 20), datetime(2026, 6, 10, 9, 40)),
        (datetime(2026, 6, 10, 9, 40), datetime(2026, 6, 10, 10, 0)),
    ]


def test_no_slot_overlaps_a_break_and_the_next_starts_when_it_ends():
    event = fair([MeetingDay(day=date(2026, 6, 10), starts_at=time(9), ends_at=time(11), breaks="9:50-10:15")])

    starts = [start.time() for start, _end in slot_times(event)]

    assert starts == [time(9, 0), time(9, 20), time(10, 15), time(10, 35)]


def test_slots_continue_on_the_next_meeting_day_and_an_unfinished_slot_is_dropped():
    event = fair([
        MeetingDay(day=date(2026, 6, 11), starts_at=time(14), ends_at=time(14, 30)),
        MeetingDay(day=date(2026, 6, 10), starts_at=time(9), ends_at=time(9, 50)),
    ])

    assert [start for start, _end in slot_times(event)] == [
        datetime(2026, 6, 10, 9, 0), datetime(2026, 6, 10, 9, 20), datetime(2026, 6, 11, 14, 0),
    ]


def test_without_slot_length_there_are_no_slot_times():
    event = fair([MeetingDay(day=date(2026, 6, 10), starts_at=time(9), ends_at=time(10))], slot_minutes=None)

    assert slot_times(event) == []


def test_unreadable_breaks_are_ignored_and_dotted_times_are_read():
    event = fair([MeetingDay(day=date(2026, 6, 10), starts_at=time(9), ends_at=time(10),
                             breaks="lunch, 9.20-9.40, 25:00-26:00")])

    assert [start.time() for start, _end in slot_times(event)] == [time(9, 0), time(9, 40)]
