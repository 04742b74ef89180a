"""Timelines in one statement, and the annual report of an office."""
from datetime import date, datetime

import pytest

from crm.models import (
    AgreementStatus,
    Channel,
    DelegationStatus,
    EventKind,
    MeetingOutcome,
)
from crm.services import timeline
from crm.services.timeline import MilestoneFilter, TimelineItem
from tests.delegations.factories import (
    AgreementFactory,
    DelegationFactory,
    EventFactory,
    MeetingFactory,
    MemberFactory,
    ParticipantFactory,
    VisitFactory,
)
from tests.factories import CompanyFactory, FollowUpFactory, InteractionFactory, OfficeFactory, UserFactory


@pytest.fixture
def firm():
    return CompanyFactory(name="Jinan Laser", country="CN")


def kinds(items: list[TimelineItem]) -> list[str]:
    return [item.kind for item in items]


# --- a company's timeline --------------------------------------------------------------------------------------------

def test_a_company_timeline_holds_every_kind_newest_first(firm, staff):
    InteractionFactory(company=firm, author=staff, occurred_at=datetime(2016, 5, 2, 9, 0), summary="Called back")
    fair = EventFactory(name="Jinan European Industry Fair", starts_on=date(2015, 9, 22))
    MeetingFactory(event=fair, a=ParticipantFactory(event=fair, company=firm),
                   b=ParticipantFactory(event=fair, company=CompanyFactory(name="Dresden Optics")),
                   outcome=MeetingOutcome.POSSIBLE)
    trip = DelegationFactory(name="Germany 2016", starts_on=date(2016, 4, 11), ends_on=date(2016, 4, 15))
    member = MemberFactory(delegation=trip, company=firm, interests="Laser cladding")
    VisitFactory(delegation=trip, starts_at=datetime(2016, 4, 12, 8, 0),
                 host_company=CompanyFactory(name="Fraunhofer IWS"), members=[member])
    VisitFactory(delegation=DelegationFactory(name="Saxon guests", starts_on=date(2014, 5, 5),
                                              ends_on=date(2014, 5, 9)),
                 starts_at=datetime(2014, 5, 6, 2, 0), host_company=firm)
    AgreementFactory(title="Cooperation with Dresden Optics", signed_on=date(2016, 1, 20), parties=[firm])

    items = timeline.company_timeline(firm.id)

    assert kinds(items) == ["interaction", "visit", "delegation", "agreement", "fair_meeting", "hosted_visit"]
    interaction, visit, membership, agreement, meeting, hosted = items
    assert (interaction.title, interaction.code, interaction.other, interaction.dated_only) == (
        "Called back", Channel.CALL.value, staff.name, False)
    assert (visit.title, visit.other, visit.at) == ("Germany 2016", "Fraunhofer IWS", datetime(2016, 4, 12, 8, 0))
    assert (membership.detail, membership.dated_only, membership.day) == ("Laser cladding", True, date(2016, 4, 11))
    assert (meeting.other, meeting.state, meeting.parent_id) == ("Dresden Optics", "possible", fair.id)
    assert agreement.state == AgreementStatus.SIGNED.value
    assert hosted.title == "Saxon guests"


def test_oldest_first_on_request(firm, staff):
    InteractionFactory(company=firm, author=staff, occurred_at=datetime(2016, 5, 2, 9, 0))
    InteractionFactory(company=firm, author=staff, occurred_at=datetime(2015, 5, 2, 9, 0))
    items = timeline.company_timeline(firm.id, newest_first=False)
    assert [i.at.year for i in items] == [2015, 2016]


def test_other_companies_records_stay_out(firm, staff):
    other = CompanyFactory()
    InteractionFactory(company=other, author=staff)
    AgreementFactory(parties=[other])
    fair = EventFactory()
    MeetingFactory(event=fair)
    assert timeline.company_timeline(firm.id) == []


def test_a_fair_meeting_shows_the_counterpart_from_either_side(firm):
    fair = EventFactory()
    MeetingFactory(event=fair, a=ParticipantFactory(event=fair, company=CompanyFactory(name="Side A")),
                   b=ParticipantFactory(event=fair, company=firm))
    [item] = timeline.company_timeline(firm.id)
    assert item.other == "Side A"


def test_a_reviewed_outcome_replaces_the_first_one(firm):
    fair = EventFactory()
    MeetingFactory(event=fair, a=ParticipantFactory(event=fair, company=firm),
                   outcome=MeetingOutcome.INFORMATIVE, reviewed_outcome=MeetingOutcome.AGREEMENT)
    assert timeline.company_timeline(firm.id)[0].state == MeetingOutcome.AGREEMENT.value


def test_a_draft_agreement_without_date_is_placed_by_when_it_was_entered(firm):
    AgreementFactory(parties=[firm], status=AgreementStatus.DRAFT, signed_on=None,
                     created_at=datetime(2016, 2, 3, 4, 5))
    [item] = timeline.company_timeline(firm.id)
    assert item.at == datetime(2016, 2, 3, 4, 5)


def fill_company(firm, author, n):
    for i in range(n):
        InteractionFactory(company=firm, author=author, occurred_at=datetime(2016, 1, 1 + i % 28, 9, 0))
        trip = DelegationFactory()
        member = MemberFactory(delegation=trip, company=firm)
        VisitFactory(delegation=trip, members=[member])
        VisitFactory(delegation=trip, host_company=firm)
        AgreementFactory(parties=[firm])
        fair = EventFactory()
        MeetingFactory(event=fair, a=ParticipantFactory(event=fair, company=firm))


def test_the_company_timeline_is_one_statement_for_2_or_20_of_each(firm, staff, count_queries):
    firm_id = firm.id
    fill_company(firm, staff, 2)
    with count_queries() as few:
        assert len(timeline.company_timeline(firm_id)) == 12
    fill_company(firm, staff, 18)
    with count_queries() as many:
        assert len(timeline.company_timeline(firm_id)) == 120
    assert len(few) == len(many) == 1


# --- milestones ------------------------------------------------------------------------------------------------------

@pytest.fixture
def history(office):
    vantaa = OfficeFactory(name="Vantaa", timezone="Europe/Helsinki")
    EventFactory(name="Dresden office opening", kind=EventKind.OPENING, starts_on=date(2013, 8, 27), office=office)
    EventFactory(name="Jinan European Industry Cooperation Fair", starts_on=date(2015, 9, 22), office=office)
    EventFactory(name="Vantaa office opening", kind=EventKind.OPENING, starts_on=date(2016, 9, 20), office=vantaa)
    AgreementFactory(title="Letter of intent", signed_on=date(2012, 5, 10), office=office)
    AgreementFactory(title="MoU with Vantaa", signed_on=date(2016, 1, 15), office=vantaa)
    AgreementFactory(title="Draft", status=AgreementStatus.DRAFT, signed_on=None, office=office)
    DelegationFactory(name="Visit to Germany", starts_on=date(2016, 4, 11), ends_on=date(2016, 4, 15), office=office)
    DelegationFactory(name="Cancelled trip", status=DelegationStatus.CANCELLED, starts_on=date(2016, 6, 1),
                      ends_on=date(2016, 6, 2), office=office)
    return vantaa


def titles(criteria: MilestoneFilter) -> list[str]:
    return [item.title for item in timeline.milestones(criteria)]


def test_the_organisation_timeline_lists_every_office_newest_first(history):
    assert titles(MilestoneFilter()) == [
        "Vantaa office opening", "Visit to Germany", "MoU with Vantaa",
        "Jinan European Industry Cooperation Fair", "Dresden office opening", "Letter of intent",
    ]


def test_an_office_timeline_shows_only_that_office(history, office):
    assert titles(MilestoneFilter(office_id=history.id)) == ["Vantaa office opening", "MoU with Vantaa"]


def test_the_timeline_filters_by_year(history):
    assert titles(MilestoneFilter(year=2016)) == ["Vantaa office opening", "Visit to Germany", "MoU with Vantaa"]


@pytest.mark.parametrize("kind, expected", [
    ("opening", ["Vantaa office opening", "Dresden office opening"]),
    ("fair", ["Jinan European Industry Cooperation Fair"]),
    ("agreement", ["MoU with Vantaa", "Letter of intent"]),
    ("delegation", ["Visit to Germany"]),
    ("nonsense", []),
])
def test_the_timeline_filters_by_type(history, kind, expected):
    assert titles(MilestoneFilter(kind=kind)) == expected


def test_milestones_carry_their_office(history):
    item = timeline.milestones(MilestoneFilter(kind="agreement"))[0]
    assert item.office == "Vantaa"


def test_the_years_with_milestones(history):
    assert timeline.milestone_years() == [2016, 2015, 2014, 2013, 2012]


def test_milestones_are_one_statement_for_2_or_20_of_each(office, count_queries):
    def fill(n):
        for _ in range(n):
            EventFactory(office=office)
            AgreementFactory(office=office)
            DelegationFactory(office=office)

    criteria = MilestoneFilter(office_id=office.id)
    fill(2)
    with count_queries() as few:
        assert len(timeline.milestones(criteria)) == 6
    fill(18)
    with count_queries() as many:
        assert len(timeline.milestones(criteria)) == 60
    assert len(few) == len(many) == 1


# --- the annual report -----------------------------------------------------------------------------------------------

def test_the_year_is_counted_in_the_offices_clock():
    assert timeline.year_bounds_utc(2016, "Asia/Shanghai") == (datetime(2015, 12, 31, 16, 0),
                                                               datetime(2016, 12, 31, 16, 0))


def test_the_annual_report_counts_the_offices_year(office, staff):
    other_office = OfficeFactory(name="Vantaa", timezone="Europe/Helsinki")
    stranger = UserFactory(office=other_office)
    a, b = CompanyFactory(office=office, created_at=datetime(2016, 3, 1)), CompanyFactory(office=office)
    CompanyFactory(office=office, created_at=datetime(2015, 3, 1))
    InteractionFactory(company=a, author=staff, occurred_at=datetime(2016, 2, 1, 9, 0), channel=Channel.CALL)
    InteractionFactory(company=a, author=staff, occurred_at=datetime(2016, 2, 2, 9, 0), channel=Channel.EMAIL)
    InteractionFactory(company=b, author=staff, occurred_at=datetime(2016, 12, 31, 23, 30))  # 2017 in Dresden
    InteractionFactory(company=b, author=staff, occurred_at=datetime(2015, 12, 31, 23, 30))  # 2016 in Dresden
    InteractionFactory(company=b, author=stranger, occurred_at=datetime(2016, 5, 1, 9, 0))
    trip = DelegationFactory(office=office, starts_on=date(2016, 4, 11), ends_on=date(2016, 4, 15))
    VisitFactory(delegation=trip, outcome=MeetingOutcome.POSSIBLE)
    VisitFactory(delegation=trip, outcome=MeetingOutcome.NOT_HELD)
    VisitFactory(delegation=trip)
    fair = EventFactory(office=office, starts_on=date(2016, 9, 22), ends_on=date(2016, 9, 22))
    EventFactory(office=office, kind=EventKind.FORUM, starts_on=date(2016, 11, 10), ends_on=date(2016, 11, 10))
    MeetingFactory(event=fair, outcome=MeetingOutcome.INFORMATIVE)
    MeetingFactory(event=fair, outcome=MeetingOutcome.NOT_HELD)
    MeetingFactory(event=fair)
    AgreementFactory(office=office, signed_on=date(2016, 1, 15))
    AgreementFactory(office=office, signed_on=date(2015, 1, 15))
    FollowUpFactory(assignee=staff, due_on=date(2016, 3, 1), done_at=datetime(2016, 3, 1, 22, 30))  # 23:30 local
    FollowUpFactory(assignee=staff, due_on=date(2016, 3, 1), done_at=datetime(2016, 3, 1, 23, 30))  # next day
    FollowUpFactory(assignee=staff, due_on=date(2016, 3, 1))
    FollowUpFactory(assignee=stranger, due_on=date(2016, 3, 1), done_at=datetime(2016, 2, 1))

    report = timeline.annual_report(office, 2016)

    assert report.companies_contacted == 2
    assert report.new_companies == 1
    assert report.interactions_by_channel == {Channel.CALL: 2, Channel.EMAIL: 1}
    assert report.interactions == 3
    assert [d.id for d in report.delegations] == [trip.id]
    assert [e.name for e in report.fairs] == [fair.name] and len(report.events) == 2
    assert (report.fair_meetings_held, report.visits_held, report.meetings_held) == (1, 1, 2)
    assert [a.signed_on for a in report.agreements] == [date(2016, 1, 15)]
    assert (report.follow_ups_due, report.follow_ups_done, report.follow_ups_on_time) == (3, 2, 1)
    assert report.on_time_share == pytest.approx(1 / 3)


def test_an_empty_year_reports_zeros(office):
    report = timeline.annual_report(office, 2030)
    assert (report.companies_contacted, report.interactions, report.meetings_held, report.on_time_share) == (
        0, 0, 0, None)
