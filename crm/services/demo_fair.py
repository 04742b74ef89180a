"""The demo's Jinan European Industry Cooperation Fair of 22 September 2015 in Dresden:
22 Jinan enterprises meet 62 German ones in pre-arranged 1:1 meetings.

Registrations with the companies' profiles, requests from the match suggestions, the
schedule from the real scheduler, and the outcomes (with their interactions and
follow-ups, done long ago) and some second-stage reviews as staff recorded them.
Everything is made from the demo's objects before they are saved, so participants are
known by their position, not by id."""
import random
from dataclasses import replace
from datetime import date, datetime, time, timedelta

from crm.models import (
    Company,
    Event,
    Meeting,
    MeetingDay,
    MeetingOutcome,
    MeetingRequest,
    Participant,
    Priority,
    RequestStatus,
    Side,
    User,
)
from crm.services import fair, matching, scheduling

FAIR_DAY = date(2015, 9, 22)
JINAN_FIRMS, GERMAN_FIRMS = 22, 62
# What each Jinan firm asked for, best suggestion first; German firms ask for their best two.
JINAN_ASKS = (Priority.MUST, Priority.MUST, Priority.WOULD_LIKE, Priority.WOULD_LIKE, Priority.IF_TIME,
              Priority.IF_TIME)
GERMAN_ASKS = (Priority.WOULD_LIKE, Priority.IF_TIME)
OUTCOMES = {MeetingOutcome.NOT_HELD: 8, MeetingOutcome.NO_INTEREST: 22, MeetingOutcome.INFORMATIVE: 38,
            MeetingOutcome.POSSIBLE: 24, MeetingOutcome.AGREEMENT: 8}
NOTES = {MeetingOutcome.POSSIBLE: "Samples and a price list requested.",
         MeetingOutcome.AGREEMENT: "Letter of intent on a distribution partnership."}
AGENDA_FINAL = datetime(2015, 9, 18, 8, 0)  # UTC: the final agendas went out the Friday before
REVIEWED_AT = datetime(2016, 3, 15, 9, 0)


def add_fair_2015(records: list, rng: random.Random, event: Event, companies: list[Company],
                  manager: User, staff: User) -> None:
    """Registrations, requests, schedule and outcomes of the fair `event`, appended to `records`."""
    event.days = [MeetingDay(day=FAIR_DAY, starts_at=time(9, 0), ends_at=time(17, 0), breaks="12:00-13:00")]
    participants = register(rng, event, companies)
    requests = ask(rng, event, participants, manager)
    meetings = schedule(event, participants, requests)
    records += [*participants, *requests, *meetings]
    records += record_outcomes(rng, event, meetings, staff)


def register(rng: random.Random, event: Event, companies: list[Company]) -> list[Participant]:
    """The first Jinan and German firms the office knew, German ones from Dresden first; a
    firm first met at the fair is on record since the fair."""
    jinan = [c for c in companies if c.country == "CN"][:JINAN_FIRMS]
    german = sorted((c for c in companies if c.country == "DE"),
                    key=lambda c: (c.city != "Dresden", c.created_at))[:GERMAN_FIRMS]
    fair_time = datetime.combine(FAIR_DAY, time(7, 0))
    participants = []
    for side, firms in ((Side.A, jinan), (Side.B, german)):
        for company in firms:
            company.created_at = min(company.created_at, fair_time)
            participant = Participant(event=event, company=company, side=side,
                                      people=[company.affiliations[0].person], max_meetings=rng.choice([None, 8, 10]))
            roll = rng.random()
            if roll < 0.1:
                participant.available_slots = list(range(6, 21))  # arrives after the first two hours
            elif roll < 0.2:
                participant.available_slots = list(range(0, 12))  # leaves after the first afternoon hour
            participants.append(participant)
    return participants


def ask(rng: random.Random, event: Event, participants: list[Participant], manager: User) -> list[MeetingRequest]:
    """Requests from the match suggestions; the counterpart declined about one in ten."""
    profiles = [replace(matching.profile_from_participant(p), id=index) for index, p in enumerate(participants)]
    suggestions = matching.suggest_all(profiles, limit=len(JINAN_ASKS))
    requests: dict[frozenset[int], MeetingRequest] = {}
    for index, participant in enumerate(participants):
        asks = JINAN_ASKS if participant.side is Side.A else GERMAN_ASKS
        for priority, suggestion in zip(asks, suggestions[index]):
            pair = frozenset((index, suggestion.candidate_id))
            if pair in requests:
                continue
            status = RequestStatus.DECLINED if rng.random() < 0.1 else RequestStatus.ACCEPTED
            requests[pair] = MeetingRequest(event=event, requester=participant,
                                            counterpart=participants[suggestion.candidate_id],
                                            priority=priority, status=status, created_by=manager)
    return list(requests.values())


def schedule(event: Event, participants: list[Participant], requests: list[MeetingRequest]) -> list[Meeting]:
    """The accepted requests placed by the scheduler (one worker, so the same every time)."""
    grid = fair.grid_of(event)
    index = {id(p): i for i, p in enumerate(participants)}
    accepted = {frozenset((index[id(r.requester)], index[id(r.counterpart)])): r
                for r in requests if r.status is RequestStatus.ACCEPTED}
    instance = scheduling.Instance(
        slots=len(grid), tables=event.tables,
        participants=tuple(scheduling.Participant(
            id=str(i), side=p.side.value, max_meetings=p.max_meetings,
            available=None if p.available_slots is None else frozenset(p.available_slots))
            for i, p in enumerate(participants)),
        requests=tuple(scheduling.Request(str(index[id(r.requester)]), str(index[id(r.counterpart)]), int(r.priority))
                       for r in accepted.values()),
    )
    result = scheduling.solve(instance, time_limit=5.0, workers=1, polish_time=1.0)
    placed_at = AGENDA_FINAL - timedelta(days=3)
    event.agenda_final_at = AGENDA_FINAL
    event.last_schedule = {
        "placed": result.placed, "requested": result.requested, "objective": result.objective,
        "bound": result.bound, "status": result.status, "seconds": round(result.seconds, 1), "kept": 0,
        "at": placed_at.isoformat(timespec="seconds"), "by": "Demo",
    }
    return [Meeting(event=event, a=participants[int(m.a)], b=participants[int(m.b)], slot=m.slot,
                    table_number=m.table, request=accepted[frozenset((int(m.a), int(m.b)))], placed_at=placed_at)
            for m in result.meetings]


def record_outcomes(rng: random.Random, event: Event, meetings: list[Meeting], staff: User) -> list:
    """Outcomes for nine meetings in ten, reviews in March 2016 for half of the promising
    ones; the follow-ups they planned were done within a fortnight."""
    grid, zone = fair.grid_of(event), fair.event_zone(event)
    records = []
    for meeting in meetings:
        if rng.random() < 0.1:
            continue
        outcome = rng.choices(list(OUTCOMES), weights=list(OUTCOMES.values()))[0]
        starts_at = fair.local_to_utc(grid[meeting.slot].start, zone)
        recorded = fair.record_outcome(event, meeting, outcome, NOTES.get(outcome), staff, starts_at=starts_at,
                                       now=starts_at + timedelta(hours=3), today=FAIR_DAY)
        if outcome is MeetingOutcome.POSSIBLE and rng.random() < 0.5:
            review = rng.choice([MeetingOutcome.AGREEMENT, MeetingOutcome.INFORMATIVE])
            reviewed = fair.record_review(event, meeting, review, NOTES.get(review), staff, now=REVIEWED_AT,
                                          today=REVIEWED_AT.date())
            recorded.created += reviewed.created
            recorded.follow_ups += reviewed.follow_ups
        for follow_up in recorded.follow_ups:
            follow_up.done_at = datetime.combine(follow_up.due_on, time(9, 0)) - timedelta(days=rng.randint(0, 10))
            follow_up.done_by = follow_up.assignee
        records += recorded.created + recorded.follow_ups
    return records
