"""Who may do what on the event pages: viewers read everything and change nothing; staff
register participants, record requests and outcomes; managers and admins also create and
edit events and run and change the schedule."""
import pytest

from crm.models import MeetingOutcome, Role, Side
from tests.events.factories import MeetingFactory, RequestFactory
from tests.factories import UserFactory

MANAGER_ONLY = {
    "events.new", "events.edit", "events.delete", "events.new_day", "events.edit_day", "events.delete_day",
    "events.run", "events.lock", "events.unlock", "events.lock_all", "events.unlock_all", "events.move",
    "events.cancel", "events.late_request", "events.publish",
}


@pytest.fixture
def ids(fair, register):
    a, b = register("Jinan Laser"), register("Dresden Optics", Side.B)
    request = RequestFactory(requester=a, counterpart=b)
    meeting = MeetingFactory(a=a, b=b, request=request, outcome=MeetingOutcome.INFORMATIVE)
    return {"event_id": fair.id, "participant_id": a.id, "request_id": request.id, "meeting_id": meeting.id,
            "day_id": fair.days[0].id, "number": 1}


def event_routes(app, ids, method, form_pages=None):
    """(endpoint, url) of the events pages answering `method`; `form_pages` True keeps only
    pages that also take a POST (forms), False only those that do not."""
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith("events.") or method not in rule.methods:
            continue
        if form_pages is not None and ("POST" in rule.methods) != form_pages:
            continue
        yield rule.endpoint, rule.build({arg: ids[arg] for arg in rule.arguments}, append_unknown=False)[1]


def test_viewers_read_every_page_but_no_form(app, client, auth, viewer, ids):
    auth.login(viewer)
    for endpoint, url in event_routes(app, ids, "GET", form_pages=False):
        assert client.get(url).status_code == 200, endpoint
    for endpoint, url in event_routes(app, ids, "GET", form_pages=True):
        assert client.get(url).status_code == 403, endpoint


def test_viewers_are_refused_every_change(app, client, auth, viewer, ids):
    auth.login(viewer)
    posts = list(event_routes(app, ids, "POST"))
    assert len(posts) > 20
    for endpoint, url in posts:
        assert client.post(url).status_code == 403, endpoint


def test_staff_are_refused_what_only_managers_do(app, client, auth, office, ids):
    auth.login(UserFactory(office=office, role=Role.STAFF))
    for endpoint, url in event_routes(app, ids, "POST"):
        status = client.post(url).status_code
        if endpoint in MANAGER_ONLY:
            assert status == 403, endpoint
        else:
            assert status in (200, 302, 400), endpoint  # a form with errors, done, or refused input


@pytest.mark.parametrize("role", [Role.MANAGER, Role.ADMIN])
def test_managers_and_admins_run_the_scheduler_and_edit_events(client, auth, office, fair, role):
    auth.login(UserFactory(office=office, role=role))
    assert client.post(f"/events/{fair.id}/schedule/run").status_code == 302
    assert client.get(f"/events/{fair.id}/edit").status_code == 200
    assert client.get(f"/events/{fair.id}/days/new").status_code == 200


def test_anonymous_users_are_sent_to_the_login_from_every_page(app, client, ids):
    for method in ("GET", "POST"):
        for endpoint, url in event_routes(app, ids, method):
            response = client.open(url, method=method)
            assert response.status_code == 302 and response.headers["Location"].startswith("/login"), endpoint
