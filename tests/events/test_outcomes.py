"""Outcomes: recording one files an interaction in both companies' histories (and a follow-up
for each owner where cooperation is in sight); a correction updates them; the review months
later files new ones. The fair's meeting at slot 0 began on 22 September 2025 at 9:00 in Dresden."""
from datetime import date, datetime

import pytest
import sqlalchemy as sa

from crm.extensions import db
from crm.models import Channel, FollowUp, Interaction, Meeting, MeetingOutcome, Role, Side
from tests.events.factories import EventFactory, MeetingDayFactory, MeetingFactory
from tests.factories import CompanyFactory, UserFactory


@pytest.fixture
def meeting(fair, register, office):
    owner = UserFactory(office=office, role=Role.STAFF, name="Owner")
    jinan = register("Jinan Laser")
    optics = register("Dresden Optics", Side.B, company=CompanyFactory(name="Dresden Optics", owner=owner))
    return MeetingFactory(a=jinan, b=optics, slot=0, table_number=1)


def interactions():
    return db.session.scalars(sa.select(Interaction).order_by(Interaction.company_id, Interaction.id)).all()


def test_an_outcome_goes_into_both_histories_with_follow_ups(logged_in, staff, fair, meeting, freeze_today):
    freeze_today(date(2025, 9, 23))
    response = logged_in.post(f"/events/{fair.id}/meetings/{meeting.id}/outcome",
                              data={"outcome": "possible", "note": "Samples in October"})

    assert response.headers["Location"] == f"/events/{fair.id}/outcomes#meeting-{meeting.id}"
    saved = db.session.get(Meeting, meeting.id)
    assert (saved.outcome, saved.outcome_note) == (MeetingOutcome.POSSIBLE, "Samples in October")
    assert [(i.company.name, i.channel, i.occurred_at, i.author, i.office_id, i.summary, i.outcome)
            for i in interactions()] == [
        ("Jinan Laser", Channel.FAIR_MEETING, datetime(2025, 9, 22, 7, 0), staff, staff.office_id,
         "Fair meeting with Dresden Optics at Dresden Matchmaking Fair", "Cooperation possible: Samples in October"),
        ("Dresden Optics", Channel.FAIR_MEETING, datetime(2025, 9, 22, 7, 0), staff, staff.office_id,
         "Fair meeting with Jinan Laser at Dresden Matchmaking Fair", "Cooperation possible: Samples in October"),
    ]
    follow_ups = db.session.scalars(sa.select(FollowUp).order_by(FollowUp.company_id)).all()
    assert [(f.company.name, f.assignee.name) for f in follow_ups] == [
        ("Jinan Laser", staff.name), ("Dresden Optics", "Owner")]  # no owner: the one recording
    assert [f.due_on for f in follow_ups] == [date(2025, 10, 7)] * 2


def test_the_outcomes_interactions_point_at_the_meeting(logged_in, fair, meeting, register):
    other = MeetingFactory(a=register("Jinan Optics"), b=meeting.b, slot=1, table_number=1)
    logged_in.post(f"/events/{fair.id}/meetings/{meeting.id}/outcome", data={"outcome": "possible", "note": ""})
    logged_in.post(f"/events/{fair.id}/meetings/{other.id}/outcome", data={"outcome": "informative", "note": ""})

    assert [(i.company.name, i.meeting_id) for i in interactions()] == [
        ("Jinan Laser", meeting.id), ("Dresden Optics", meeting.id),
        ("Dresden Optics", other.id), ("Jinan Optics", other.id)]


def test_no_follow_up_without_cooperation_in_sight(logged_in, fair, meeting):
    logged_in.post(f"/events/{fair.id}/meetings/{meeting.id}/outcome", data={"outcome": "no_interest", "note": ""})
    assert len(interactions()) == 2
    assert db.session.scalar(sa.select(sa.func.count()).select_from(FollowUp)) == 0


def test_a_corrected_outcome_updates_the_history_instead_of_doubling_it(logged_in, fair, meeting):
    url = f"/events/{fair.id}/meetings/{meeting.id}/outcome"
    logged_in.post(url, data={"outcome": "possible", "note": ""})
    response = logged_in.post(url, data={"outcome": "agreement", "note": "Signed on the spot"},
                              follow_redirects=True)

    assert "2 earlier interactions updated." in response.get_data(as_text=True)
    assert [i.outcome for i in interactions()] == ["Agreement reached: Signed on the spot"] * 2
    assert db.session.scalar(sa.select(sa.func.count()).select_from(FollowUp)) == 2


def test_a_review_months_later_adds_new_entries_and_keeps_the_first_result(logged_in, fair, meeting):
    logged_in.post(f"/events/{fair.id}/meetings/{meeting.id}/outcome", data={"outcome": "informative", "note": ""})
    review = f"/events/{fair.id}/meetings/{meeting.id}/review"
    logged_in.post(review, data={"outcome": "agreement", "note": "Distribution contract"})

    saved = db.session.get(Meeting, meeting.id)
    assert (saved.outcome, saved.reviewed_outcome, saved.review_note) == (
        MeetingOutcome.INFORMATIVE, MeetingOutcome.AGREEMENT, "Distribution contract")
    summaries = [i.summary for i in interactions()]
    assert summaries.count("Review of the fair meeting with Dresden Optics at Dresden Matchmaking Fair") == 1
    assert len(summaries) == 4
    assert db.session.scalar(sa.select(sa.func.count()).select_from(FollowUp)) == 2

    logged_in.post(review, data={"outcome": "possible", "note": "Still negotiating"})
    assert len(interactions()) == 4
    assert [i.outcome for i in interactions() if i.summary.startswith("Review")] == [
        "Cooperation possible: Still negotiating"] * 2
    assert db.session.scalar(sa.select(sa.func.count()).select_from(FollowUp)) == 2


def test_a_review_needs_an_outcome_first(logged_in, fair, meeting):
    response = logged_in.post(f"/events/{fair.id}/meetings/{meeting.id}/review",
                              data={"outcome": "agreement", "note": ""}, follow_redirects=True)
    assert "Record the meeting’s outcome before reviewing it." in response.get_data(as_text=True).replace(
        "&#39;", "’").replace("'", "’")
    assert interactions() == []


def test_an_outcome_waits_for_the_meeting_to_start(logged_in, office, register):
    event = EventFactory(office=office, starts_on=date(2099, 5, 4), ends_on=date(2099, 5, 4))
    MeetingDayFactory(event=event)
    from tests.events.factories import ParticipantFactory

    future = MeetingFactory(a=ParticipantFactory(event=event), b=ParticipantFactory(event=event, side=Side.B))
    response = logged_in.post(f"/events/{event.id}/meetings/{future.id}/outcome",
                              data={"outcome": "informative", "note": ""}, follow_redirects=True)
    assert "This meeting has not started yet." in response.get_data(as_text=True)
    assert db.session.get(Meeting, future.id).outcome is None


def test_an_outcome_must_be_chosen(logged_in, fair, meeting):
    response = logged_in.post(f"/events/{fair.id}/meetings/{meeting.id}/outcome", data={"outcome": "", "note": ""})
    assert "Choose a result." in response.get_data(as_text=True)
    response = logged_in.post(f"/events/{fair.id}/meetings/{meeting.id}/outcome", data={"outcome": "great"})
    assert "Not a valid choice." in response.get_data(as_text=True)


def test_the_outcomes_page_lists_meetings_without_and_with_results(logged_in, fair, meeting):
    assert "Record outcome" in logged_in.get(f"/events/{fair.id}/outcomes").get_data(as_text=True)
    logged_in.post(f"/events/{fair.id}/meetings/{meeting.id}/outcome", data={"outcome": "not_held", "note": ""})
    assert "No meeting to show." in logged_in.get(f"/events/{fair.id}/outcomes").get_data(as_text=True)
    recorded = logged_in.get(f"/events/{fair.id}/outcomes?show=recorded").get_data(as_text=True)
    assert "Did not take place" in recorded and "Correct outcome" in recorded


def test_viewers_cannot_record_outcomes(client, auth, viewer, fair, meeting):
    auth.login(viewer)
    assert client.post(f"/events/{fair.id}/meetings/{meeting.id}/outcome",
                       data={"outcome": "possible"}).status_code == 403
    assert client.post(f"/events/{fair.id}/meetings/{meeting.id}/review",
                       data={"outcome": "possible"}).status_code == 403
    assert "Record outcome" not in client.get(f"/events/{fair.id}/outcomes").get_data(as_text=True)
