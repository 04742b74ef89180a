"""Registering companies for a fair: side, attending people, availability by slot,
maximum and profile; the list without a query per row; and match suggestions."""
import pytest
import sqlalchemy as sa

from crm.extensions import db
from crm.models import (
    Agreement,
    AgreementKind,
    AgreementStatus,
    Meeting,
    MeetingOutcome,
    MeetingRequest,
    Participant,
    Priority,
    RequestStatus,
    Role,
    Side,
)
from tests.events.factories import EventFactory, MeetingFactory, ParticipantFactory, RequestFactory
from tests.factories import AffiliationFactory, CompanyFactory, PersonFactory, SectorFactory, UserFactory


def registration(**changes):
    data = {"side": "B", "slots": ["0", "1", "2"], "max_meetings": "", "offers": "", "seeks": "", "notes": ""}
    data.update(changes)
    return data


def test_staff_register_a_company_that_is_available_in_some_slots(logged_in, fair):
    company = CompanyFactory(name="Dresden Optics")

    response = logged_in.post(f"/events/{fair.id}/participants/new", data=registration(
        company_id=company.id, slots=["1", "2"], max_meetings="4", offers=" Optical design ", seeks="Laser sources"))

    participant = db.session.scalar(sa.select(Participant))
    assert response.headers["Location"] == f"/events/{fair.id}/participants#participant-{participant.id}"
    assert (participant.company, participant.side, participant.available_slots, participant.max_meetings) == (
        company, Side.B, [1, 2], 4)
    assert (participant.offers, participant.seeks, participant.notes) == ("Optical design", "Laser sources", None)


def test_every_slot_ticked_means_available_all_the_time(logged_in, fair):
    logged_in.post(f"/events/{fair.id}/participants/new", data=registration(company_id=CompanyFactory().id))
    assert db.session.scalar(sa.select(Participant)).available_slots is None


def test_the_form_offers_the_slots_grouped_by_day_with_times_all_ticked(logged_in, fair):
    page = logged_in.get(f"/events/{fair.id}/participants/new").get_data(as_text=True)
    assert "Monday, September 22, 2025" in page
    assert page.count('name="slots"') == 3 and page.count("checked") == 3
    assert "10:30\u202fAM–11:00\u202fAM" in page and "Times in Europe/Berlin" in page


@pytest.mark.parametrize("changes, message", [
    ({"slots": []}, "Tick at least one slot in which the company can meet."),
    ({"slots": ["7"]}, "is not a valid choice"),
    ({"slots": ["x"]}, "could not be coerced"),
    ({"max_meetings": "-1"}, "Number must be between 0 and 200."),
    ({"side": "C"}, "Not a valid choice."),
    ({"company_id": ""}, "Choose a company."),
])
def test_bad_registrations_are_refused_with_a_message(logged_in, fair, changes, message):
    data = registration(company_id=CompanyFactory().id)
    data.update(changes)
    response = logged_in.post(f"/events/{fair.id}/participants/new", data=data)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(Participant)) is None


def test_a_company_is_registered_once(logged_in, fair, register):
    taken = register("Jinan Laser")
    response = logged_in.post(f"/events/{fair.id}/participants/new", data=registration(company_id=taken.company_id))
    assert "This company is already registered for the event." in response.get_data(as_text=True)


def test_after_registering_staff_choose_who_attends(logged_in, fair):
    person = PersonFactory(name="Li Wei")
    company = AffiliationFactory(person=person).company

    response = logged_in.post(f"/events/{fair.id}/participants/new", data=registration(company_id=company.id))

    participant = db.session.scalar(sa.select(Participant))
    assert response.headers["Location"] == f"/events/{fair.id}/participants/{participant.id}/edit"
    logged_in.post(response.headers["Location"], data=registration(people_ids=[str(person.id)]))
    assert db.session.get(Participant, participant.id).people == [person]


def test_a_slot_of_a_locked_meeting_must_stay_available(logged_in, fair, register):
    jinan = register("Jinan Laser")
    MeetingFactory(a=jinan, b=register("Dresden Optics", Side.B), slot=2, locked=True)

    response = logged_in.post(f"/events/{fair.id}/participants/{jinan.id}/edit",
                              data=registration(side="A", slots=["0", "1"], max_meetings="0"))

    page = response.get_data(as_text=True)
    assert "has a locked meeting (or one that took place)" in page
    assert "the maximum cannot be lower" in page
    assert db.session.get(Participant, jinan.id).available_slots is None


def test_unlocked_meetings_outside_the_new_availability_are_pointed_out(logged_in, fair, register):
    jinan = register("Jinan Laser")
    MeetingFactory(a=jinan, b=register("Dresden Optics", Side.B), slot=2)
    response = logged_in.post(f"/events/{fair.id}/participants/{jinan.id}/edit",
                              data=registration(side="A", slots=["0"]), follow_redirects=True)
    assert "1 scheduled meeting is now outside the company&#39;s availability" in response.get_data(as_text=True)
    assert db.session.get(Participant, jinan.id).available_slots == [0]


def test_a_participant_of_another_event_is_404(logged_in, fair, office):
    other = ParticipantFactory(event=EventFactory(office=office))
    assert logged_in.get(f"/events/{fair.id}/participants/{other.id}/edit").status_code == 404
    assert logged_in.post(f"/events/{fair.id}/participants/{other.id}/delete").status_code == 404
    assert logged_in.get(f"/events/{fair.id}/participants/{other.id}/suggestions").status_code == 404


def test_staff_remove_a_participant_with_its_requests(logged_in, fair, register):
    jinan = register("Jinan Laser")
    RequestFactory(requester=jinan, counterpart=register("Dresden Optics", Side.B))
    jinan_id = jinan.id
    logged_in.post(f"/events/{fair.id}/participants/{jinan_id}/delete")
    assert db.session.get(Participant, jinan_id) is None
    assert db.session.scalar(sa.select(sa.func.count()).select_from(MeetingRequest)) == 0


def test_only_managers_remove_participants_with_meetings_and_nobody_once_they_met(client, auth, office, fair,
                                                                                register):
    scheduled = MeetingFactory(a=register("A"), b=register("B", Side.B))
    held = MeetingFactory(a=register("C"), b=register("D", Side.B), slot=1, outcome=MeetingOutcome.INFORMATIVE)
    scheduled_id, scheduled_a, held_a = scheduled.id, scheduled.a_id, held.a_id
    auth.login(UserFactory(office=office, role=Role.STAFF))
    client.post(f"/events/{fair.id}/participants/{scheduled_a}/delete")
    assert db.session.get(Participant, scheduled_a) is not None

    auth.logout()
    auth.login(UserFactory(office=office, role=Role.MANAGER))
    client.post(f"/events/{fair.id}/participants/{scheduled_a}/delete")
    client.post(f"/events/{fair.id}/participants/{held_a}/delete")
    assert db.session.get(Participant, scheduled_a) is None
    assert db.session.get(Meeting, scheduled_id) is None
    assert db.session.get(Participant, held_a) is not None


def test_viewers_read_the_list_but_change_nothing(client, auth, viewer, fair, register):
    jinan = register("Jinan Laser")
    auth.login(viewer)
    page = client.get(f"/events/{fair.id}/participants").get_data(as_text=True)
    assert "Jinan Laser" in page and "Register a company" not in page
    assert client.post(f"/events/{fair.id}/participants/new", data=registration(
        company_id=CompanyFactory().id)).status_code == 403
    assert client.post(f"/events/{fair.id}/participants/{jinan.id}/delete").status_code == 403


def test_the_list_runs_the_same_queries_for_2_or_20_participants(logged_in, fair, count_queries):
    sector = SectorFactory(name="Lasers")

    def add(count):
        for n in range(count):
            company = CompanyFactory(sectors=[sector])
            person = AffiliationFactory(company=company).person
            p = ParticipantFactory(event=fair, company=company, people=[person], side=Side.A if n % 2 else Side.B)
            RequestFactory(requester=p, counterpart=ParticipantFactory(event=fair))

    def statements():
        with count_queries() as found:
            assert logged_in.get(f"/events/{fair.id}/participants").status_code == 200
        return len(found)

    add(2)
    few = statements()
    add(18)
    assert statements() == few


# --- match suggestions -----------------------------------------------------------------------------------------------

@pytest.fixture
def laser_fair(fair, register):
    lasers = SectorFactory(name="Lasers")
    jinan = register("Jinan Laser", company=CompanyFactory(name="Jinan Laser", sectors=[lasers]),
                     offers="Fibre lasers for cutting", seeks="European distributors")
    optics = register("Dresden Optics", Side.B, company=CompanyFactory(name="Dresden Optics", sectors=[lasers]),
                      offers="Distribution in Europe", seeks="Fibre lasers")
    bakery = register("Vantaa Bakery", Side.B, offers="Bread", seeks="Flour")
    return jinan, optics, bakery


def test_suggestions_rank_counterparts_and_show_why(logged_in, fair, laser_fair):
    jinan, _optics, _bakery = laser_fair

    page = logged_in.get(f"/events/{fair.id}/participants/{jinan.id}/suggestions").get_data(as_text=True)

    assert "Dresden Optics" in page and "Vantaa Bakery" not in page  # no common ground, no suggestion
    assert "Offers meet needs" in page and "(Jinan Laser → Dresden Optics)" in page
    assert "+5 Shared sectors: laser" in page and ": distribution partner" in page


def test_a_declined_request_at_an_earlier_fair_counts_against_a_pair(logged_in, fair, office, laser_fair):
    jinan, optics, _bakery = laser_fair
    before = EventFactory(office=office)
    RequestFactory(requester=ParticipantFactory(event=before, company=jinan.company),
                   counterpart=ParticipantFactory(event=before, company=optics.company),
                   status=RequestStatus.DECLINED)
    agreement = Agreement(kind=AgreementKind.MOU, title="MoU", status=AgreementStatus.SIGNED,
                          parties=[jinan.company, optics.company])
    db.session.add(agreement)
    db.session.commit()

    page = logged_in.get(f"/events/{fair.id}/participants/{jinan.id}/suggestions").get_data(as_text=True)

    assert "-40 A meeting was declined before" in page
    assert "+5 Already partners" in page


def test_a_request_button_records_a_pending_request_and_returns(logged_in, fair, laser_fair):
    jinan, optics, _bakery = laser_fair
    response = logged_in.post(f"/events/{fair.id}/requests/new", data={
        "requester_id": jinan.id, "counterpart_id": optics.id, "priority": "3", "status": "pending",
        "back": "suggestions"})
    assert response.headers["Location"] == f"/events/{fair.id}/participants/{jinan.id}/suggestions"
    request = db.session.scalar(sa.select(MeetingRequest))
    assert (request.priority, request.status) == (Priority.MUST, RequestStatus.PENDING)
    page = logged_in.get(response.headers["Location"]).get_data(as_text=True)
    assert "requested" in page


def test_accepting_the_top_suggestions_adds_accepted_requests_once(logged_in, staff, fair, register):
    subject = register("Jinan Laser", offers="lasers optics sensors robots")
    others = [register(name, Side.B, seeks=seeks) for name, seeks in (
        ("Optics GmbH", "lasers optics sensors"), ("Laser AG", "lasers optics"), ("Sensor Oy", "sensors"))]
    RequestFactory(requester=others[1], counterpart=subject, status=RequestStatus.PENDING)

    url = f"/events/{fair.id}/participants/{subject.id}/suggestions/accept"
    response = logged_in.post(url, data={"count": "2", "priority": "3"}, follow_redirects=True)

    assert "1 accepted request added. 1 suggestion had a request already." in response.get_data(as_text=True)
    added = db.session.scalars(sa.select(MeetingRequest).where(MeetingRequest.requester_id == subject.id)).all()
    assert [(r.counterpart_id, r.status, r.priority, r.created_by_id) for r in added] == [
        (others[0].id, RequestStatus.ACCEPTED, Priority.MUST, staff.id)]
    logged_in.post(url, data={"count": "2", "priority": "3"})
    assert db.session.scalar(sa.select(sa.func.count()).select_from(MeetingRequest)) == 2


def test_accepting_a_bad_number_of_suggestions_says_why(logged_in, fair, register):
    subject = register("Jinan Laser")
    response = logged_in.post(f"/events/{fair.id}/participants/{subject.id}/suggestions/accept",
                              data={"count": "0", "priority": "2"}, follow_redirects=True)
    assert "Number must be between 1 and 50." in response.get_data(as_text=True)
