"""Every API endpoint for every role, with a read-and-write token: reads are open to all,
writes follow the pages' rules (crm/auth/permissions.py). The records belong to someone
else, so staff meet the 'own records only' rules of interactions and follow-ups."""
from dataclasses import dataclass
from functools import cached_property

import pytest

from crm.models import Role, TokenScope
from tests.delegations.factories import AgreementFactory, DelegationFactory
from tests.events.factories import EventFactory, MeetingFactory, ParticipantFactory, RequestFactory
from tests.factories import CompanyFactory, FollowUpFactory, InteractionFactory, PersonFactory, UserFactory

ROLES = [Role.VIEWER, Role.STAFF, Role.MANAGER, Role.ADMIN]


class World:
    """One record of each kind, made by another staff member when a test first asks for it
    (each test builds only what it uses, which keeps the 200 cases fast)."""

    def __init__(self, office):
        self.office = office

    @cached_property
    def other(self):
        return UserFactory(office=self.office, role=Role.STAFF)

    @cached_property
    def company(self):
        return CompanyFactory(owner=self.other)

    @cached_property
    def spare(self):
        return CompanyFactory(name="Spare GmbH")

    @cached_property
    def unused(self):
        return CompanyFactory(name="Unused GmbH")

    @cached_property
    def person(self):
        return PersonFactory()

    @cached_property
    def interaction(self):
        return InteractionFactory(company=self.company, author=self.other, office=self.office)

    @cached_property
    def follow_up(self):
        return FollowUpFactory(company=self.company, assignee=self.other, created_by=self.other, office=self.office)

    @cached_property
    def event(self):
        return EventFactory()

    @cached_property
    def a(self):
        return ParticipantFactory(event=self.event)

    @cached_property
    def b(self):
        return ParticipantFactory(event=self.event)

    @cached_property
    def lonely(self):
        return ParticipantFactory(event=self.event)

    @cached_property
    def request(self):
        return RequestFactory(requester=self.a, counterpart=self.b)

    @cached_property
    def meeting(self):
        return MeetingFactory(a=self.a, b=self.b, slot=0, table_number=1)

    @cached_property
    def delegation(self):
        return DelegationFactory()

    @cached_property
    def agreement(self):
        return AgreementFactory()


@pytest.fixture
def world(office):
    return World(office)


@dataclass
class Spec:
    collection: str  # with {event} for the event's sub-resources
    target: str  # the world's attribute that is read, changed and deleted
    create: callable  # world -> body of a valid new record
    change: dict  # fields of a valid change
    create_role: Role
    change_role: Role  # for someone else's record
    delete_role: Role
    listing: str = ""  # the list's query string that shows the target


SPECS = {
    "companies": Spec("/companies", "unused", lambda w: {"name": "Neue Optik GmbH"}, {"city": "Leipzig"},
                      Role.STAFF, Role.STAFF, Role.MANAGER),
    "people": Spec("/people", "person", lambda w: {"name": "Li Wei", "company_id": w.company.id}, {"phone": "+86 531"},
                   Role.STAFF, Role.STAFF, Role.MANAGER),
    "interactions": Spec("/interactions", "interaction",
                         lambda w: {"company_id": w.company.id, "channel": "call", "summary": "Called about the fair"},
                         {"summary": "Called twice"}, Role.STAFF, Role.MANAGER, Role.MANAGER),
    "follow-ups": Spec("/follow-ups", "follow_up",
                       lambda w: {"company_id": w.company.id, "next_step": "Send the offer", "due_on": "2026-12-01"},
                       {"next_step": "Call again"}, Role.STAFF, Role.MANAGER, Role.MANAGER, "?scope=everyone"),
    "events": Spec("/events", "event",
                   lambda w: {"name": "Jinan Fair", "starts_on": "2026-05-04", "ends_on": "2026-05-05"},
                   {"venue": "Hall 2"}, Role.MANAGER, Role.MANAGER, Role.MANAGER),
    "participants": Spec("/events/{event}/participants", "lonely", lambda w: {"company_id": w.spare.id},
                         {"notes": "Brings samples"}, Role.STAFF, Role.STAFF, Role.STAFF),
    "requests": Spec("/events/{event}/requests", "request",
                     lambda w: {"requester_id": w.b.id, "counterpart_id": w.a.id, "priority": 3},
                     {"status": "declined"}, Role.STAFF, Role.STAFF, Role.STAFF),
    "meetings": Spec("/events/{event}/meetings", "meeting",
                     lambda w: {"a_id": w.a.id, "b_id": w.lonely.id, "slot": 1, "table_number": 2},
                     {"table_number": 2}, Role.MANAGER, Role.MANAGER, Role.MANAGER),
    "delegations": Spec("/delegations", "delegation",
                        lambda w: {"name": "Jinan laser firms to Saxony", "starts_on": "2026-06-01",
                                   "ends_on": "2026-06-05"},
                        {"purpose": "Laser cooperation"}, Role.MANAGER, Role.MANAGER, Role.MANAGER),
    "agreements": Spec("/agreements", "agreement", lambda w: {"kind": "mou", "title": "MoU on laser optics"},
                       {"summary": "Joint research"}, Role.MANAGER, Role.MANAGER, Role.MANAGER),
}


def collection(spec: Spec, world) -> str:
    return spec.collection.format(event=world.event.id)


def item(spec: Spec, world) -> str:
    return f"{collection(spec, world)}/{getattr(world, spec.target).id}"


def change_body(spec: Spec, world) -> dict:
    record = getattr(world, spec.target)
    version = {"version": record.version} if hasattr(record, "version") else {}
    return {**spec.change, **version}


def allowed(role: Role, needed: Role, status: int) -> int:
    return status if role.rank >= needed.rank else 403


@pytest.fixture(params=ROLES, ids=lambda role: role.value)
def caller(request, office, api_as):
    return api_as(UserFactory(office=office, role=request.param)), request.param


@pytest.mark.parametrize("name", SPECS)
def test_every_role_lists_and_reads(name, caller, world):
    api, _role = caller
    spec = SPECS[name]
    target = getattr(world, spec.target)

    listed = api.get(collection(spec, world) + spec.listing)
    read = api.get(item(spec, world))

    assert listed.status_code == 200, listed.get_json()
    assert target.id in [row["id"] for row in listed.get_json()["items"]]
    assert read.status_code == 200 and read.get_json()["id"] == target.id


@pytest.mark.parametrize("name", SPECS)
def test_create_needs_the_pages_role(name, caller, world):
    api, role = caller
    spec = SPECS[name]

    response = api.post(collection(spec, world), json=spec.create(world))

    assert response.status_code == allowed(role, spec.create_role, 201), response.get_json()


@pytest.mark.parametrize("name", SPECS)
def test_changing_someone_elses_record_needs_the_pages_role(name, caller, world):
    api, role = caller
    spec = SPECS[name]

    response = api.patch(item(spec, world), json=change_body(spec, world))

    assert response.status_code == allowed(role, spec.change_role, 200), response.get_json()


@pytest.mark.parametrize("name", SPECS)
def test_deleting_someone_elses_record_needs_the_pages_role(name, caller, world):
    api, role = caller
    spec = SPECS[name]

    path = item(spec, world)

    response = api.delete(path)

    assert response.status_code == allowed(role, spec.delete_role, 204), response.get_data(as_text=True)
    if response.status_code == 204:
        assert api.get(path).status_code == 404


@pytest.mark.parametrize("name", SPECS)
@pytest.mark.parametrize("method", ["POST", "PATCH", "DELETE"])
def test_a_read_only_token_cannot_write(name, method, admin, api_as, world):
    api = api_as(admin, TokenScope.READ)
    spec = SPECS[name]
    path, body = {
        "POST": (collection(spec, world), spec.create(world)),
        "PATCH": (item(spec, world), change_body(spec, world)),
        "DELETE": (item(spec, world), None),
    }[method]

    response = api.call(method, path, json=body)

    assert response.status_code == 403
    assert response.get_json()["error"]["code"] == "read_only_token"


@pytest.mark.parametrize("name", SPECS)
def test_every_endpoint_refuses_a_call_without_a_token(name, client, world):
    spec = SPECS[name]
    calls = [("GET", collection(spec, world)), ("POST", collection(spec, world)), ("GET", item(spec, world)),
             ("PATCH", item(spec, world)), ("DELETE", item(spec, world))]

    statuses = {method: client.open("/api/v1" + path, method=method, json={}).status_code for method, path in calls}

    assert set(statuses.values()) == {401}
