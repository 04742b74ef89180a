"""Meeting requests: staff record who wants to meet whom and the counterpart's answer;
another event's participants are never used."""
import pytest
import sqlalchemy as sa

from crm.extensions import db
from crm.models import MeetingRequest, Priority, RequestStatus, Side
from tests.events.factories import EventFactory, ParticipantFactory, RequestFactory


@pytest.fixture
def pair(register):
    return register("Jinan Laser"), register("Dresden Optics", Side.B)


def test_staff_record_a_request_on_behalf_of_a_company(logged_in, staff, fair, pair):
    jinan, optics = pair

    response = logged_in.post(f"/events/{fair.id}/requests/new", data={
        "requester_id": jinan.id, "counterpart_id": optics.id, "priority": "3", "status": "pending"})

    assert response.headers["Location"] == f"/events/{fair.id}/requests"
    request = db.session.scalar(sa.select(MeetingRequest))
    assert (request.event_id, request.requester, request.counterpart) == (fair.id, jinan, optics)
    assert (request.priority, request.status, request.created_by) == (Priority.MUST, RequestStatus.PENDING, staff)


def test_the_form_is_preset_from_the_address(logged_in, fair, pair):
    jinan, optics = pair
    page = logged_in.get(f"/events/{fair.id}/requests/new?requester_id={jinan.id}&counterpart_id={optics.id}")
    text = page.get_data(as_text=True)
    assert f'<option selected value="{jinan.id}">' in text and f'<option selected value="{optics.id}">' in text


@pytest.mark.parametrize("who, message", [
    ("self", "A company cannot meet itself."),
    ("again", "This request exists already"),
    ("blank", "Choose both companies."),
])
def test_a_request_needs_two_companies_once(logged_in, fair, pair, who, message):
    jinan, optics = pair
    RequestFactory(requester=jinan, counterpart=optics)
    counterpart = {"self": jinan.id, "again": optics.id, "blank": ""}[who]
    response = logged_in.post(f"/events/{fair.id}/requests/new", data={
        "requester_id": jinan.id, "counterpart_id": counterpart, "priority": "2", "status": "pending"})
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(MeetingRequest)) == 1


def test_the_other_way_round_is_a_request_of_its_own(logged_in, fair, pair):
    jinan, optics = pair
    RequestFactory(requester=jinan, counterpart=optics)
    logged_in.post(f"/events/{fair.id}/requests/new", data={
        "requester_id": optics.id, "counterpart_id": jinan.id, "priority": "1", "status": "accepted"})
    assert db.session.scalar(sa.select(sa.func.count()).select_from(MeetingRequest)) == 2


def test_another_events_participant_in_the_form_is_refused_with_400(logged_in, fair, pair, office):
    jinan, _optics = pair
    stranger = ParticipantFactory(event=EventFactory(office=office))
    response = logged_in.post(f"/events/{fair.id}/requests/new", data={
        "requester_id": jinan.id, "counterpart_id": stranger.id, "priority": "2", "status": "pending"})
    assert response.status_code == 400
    assert f"Participant {stranger.id} is not registered for this event." in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(MeetingRequest)) is None


def test_the_counterparts_answer_is_marked(logged_in, fair, pair):
    jinan, optics = pair
    request = RequestFactory(requester=jinan, counterpart=optics, status=RequestStatus.PENDING)
    url = f"/events/{fair.id}/requests/{request.id}/answer"

    response = logged_in.post(url, data={"status": "declined", "next": f"/events/{fair.id}/requests?status=pending"})

    assert response.headers["Location"] == f"/events/{fair.id}/requests?status=pending"
    assert db.session.get(MeetingRequest, request.id).status == RequestStatus.DECLINED
    assert logged_in.post(url, data={"status": "maybe"}).status_code == 400
    assert logged_in.post(url, data={"status": "accepted", "next": "https://evil.example/"}).headers[
        "Location"] == f"/events/{fair.id}/requests"


def test_a_request_is_edited_and_deleted(logged_in, fair, pair):
    jinan, optics = pair
    request = RequestFactory(requester=jinan, counterpart=optics)
    logged_in.post(f"/events/{fair.id}/requests/{request.id}/edit", data={"priority": "1", "status": "accepted"})
    assert db.session.get(MeetingRequest, request.id).priority == Priority.IF_TIME
    request_id = request.id
    logged_in.post(f"/events/{fair.id}/requests/{request_id}/delete")
    assert db.session.get(MeetingRequest, request_id) is None


def test_the_list_filters_by_answer_and_company(logged_in, fair, register):
    jinan, optics, oulu = register("Jinan Laser"), register("Dresden Optics", Side.B), register("Oulu Sensors", Side.B)
    RequestFactory(requester=jinan, counterpart=optics, status=RequestStatus.ACCEPTED)
    RequestFactory(requester=oulu, counterpart=optics, status=RequestStatus.DECLINED)

    def rows(query):
        page = logged_in.get(f"/events/{fair.id}/requests{query}").get_data(as_text=True)
        return page.count('id="request-')

    assert rows("") == 2
    assert rows("?status=declined") == 1
    assert rows(f"?participant_id={jinan.id}") == 1
    assert rows("?status=nonsense&participant_id=x") == 2


def test_a_request_of_another_event_is_404(logged_in, fair, office):
    other = RequestFactory(requester=ParticipantFactory(event=EventFactory(office=office)))
    assert logged_in.post(f"/events/{fair.id}/requests/{other.id}/answer", data={"status": "accepted"}).status_code \
        == 404
    assert logged_in.get(f"/events/{fair.id}/requests/{other.id}/edit").status_code == 404
