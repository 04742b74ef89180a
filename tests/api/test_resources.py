"""What the API does with records: the pages' filters and paging, validation naming every
bad field, version conflicts, the trash, confidentiality and follow-up closing."""
from datetime import date, datetime
from urllib.parse import parse_qs, urlsplit

import pytest
import sqlalchemy as sa

from crm.extensions import db
from crm.models import Company, FollowUp, Interaction, PipelineStatus, Role
from crm.services.history import INCLUDE_DELETED
from tests.events.factories import EventFactory, ParticipantFactory
from tests.factories import (
    AffiliationFactory,
    CompanyFactory,
    FollowUpFactory,
    InteractionFactory,
    TagFactory,
    UserFactory,
)


def query_of(link: str) -> dict:
    url = urlsplit(link)
    assert url.path == "/api/v1/companies"
    return parse_qs(url.query)


def test_the_company_list_searches_and_filters_like_the_page(api):
    CompanyFactory(name="Jinan Laser Tech", status=PipelineStatus.PARTNER)
    CompanyFactory(name="Dresden Laser Optik", status=PipelineStatus.NEW)
    CompanyFactory(name="Vantaa Logistics", status=PipelineStatus.PARTNER)

    found = api.get("/companies?q=laser&status=partner").get_json()

    assert [row["name"] for row in found["items"]] == ["Jinan Laser Tech"]


def test_a_company_is_found_by_a_contacts_e_mail_domain(api):
    AffiliationFactory(company=CompanyFactory(name="TU Dresden"), person__email="anna@tu-dresden.de")

    found = api.get("/companies?q=tu-dresden.de").get_json()

    assert [row["name"] for row in found["items"]] == ["TU Dresden"]


def test_lists_come_in_pages_with_links(api):
    for number in range(5):
        CompanyFactory(name=f"Firm {number}")

    second = api.get("/companies?per_page=2&page=2&sort=-name").get_json()

    assert [row["name"] for row in second["items"]] == ["Firm 2", "Firm 1"]
    assert (second["total"], second["pages"]) == (5, 3)
    assert query_of(second["links"]["next"]) == {"sort": ["-name"], "per_page": ["2"], "page": ["3"]}
    assert query_of(second["links"]["prev"]) == {"sort": ["-name"], "per_page": ["2"], "page": ["1"]}


def test_a_page_beyond_the_last_is_empty(api):
    CompanyFactory()

    beyond = api.get("/companies?page=9").get_json()

    assert beyond["items"] == [] and beyond["links"]["next"] is None


def test_invalid_input_names_every_bad_field(api):
    response = api.post("/companies", json={
        "name": " ", "country": "Germany", "kind": "shop", "email": "not-an-address", "owner_id": 999999,
        "colour": "red",
    })

    error = response.get_json()["error"]
    assert response.status_code == 400 and error["code"] == "invalid"
    assert set(error["fields"]) == {"name", "country", "kind", "email", "owner_id", "colour"}
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Company)) == 0


def test_invalid_filters_name_the_field(api):
    response = api.get("/companies?status=rich&per_page=1000")

    assert response.status_code == 400
    assert set(response.get_json()["error"]["fields"]) == {"status", "per_page"}


def test_a_body_that_is_not_json_is_400(api):
    response = api.post("/companies", data="{name:", headers={"Content-Type": "application/json"})

    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "invalid"


@pytest.mark.parametrize("value", ["\x00", "\ud800"], ids=["nul", "lone-surrogate"])
def test_text_a_database_cannot_store_is_refused(api, value):
    response = api.post("/companies", json={"name": f"Firm{value}"})

    assert response.status_code == 400 and "name" in response.get_json()["error"]["fields"]


@pytest.mark.parametrize("path", ["/companies/999999", "/companies/99999999999999999999", "/events/999999/meetings"])
def test_a_missing_record_is_404_in_the_error_shape(api, path):
    response = api.get(path)

    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"


def test_an_unknown_method_is_405_with_allow(api):
    response = api.call("PUT", "/companies")

    assert response.status_code == 405
    assert response.get_json()["error"]["code"] == "method_not_allowed"
    assert "POST" in response.headers["Allow"]


def test_a_change_needs_the_version_it_was_based_on(api):
    company = CompanyFactory()

    response = api.patch(f"/companies/{company.id}", json={"city": "Leipzig"})

    assert response.status_code == 400 and "version" in response.get_json()["error"]["fields"]


def test_a_stale_version_is_409_with_what_changed_meanwhile(api, api_as, manager):
    company = CompanyFactory(city="Dresden")
    api_as(manager).patch(f"/companies/{company.id}", json={"version": 1, "city": "Leipzig"})

    response = api.patch(f"/companies/{company.id}", json={"version": 1, "phone": "+49 351"})

    error = response.get_json()["error"]
    assert response.status_code == 409 and error["code"] == "version_conflict"
    assert error["current_version"] == 2
    assert error["changes"][0]["changes"]["city"] == ["Dresden", "Leipzig"]
    assert error["changes"][0]["user"] == manager.name
    db.session.refresh(company)
    assert company.phone != "+49 351"


def test_a_change_returns_the_new_version(api):
    company = CompanyFactory()

    changed = api.patch(f"/companies/{company.id}", json={"version": 1, "tags": ["laser", "Laser", "optics"]})

    assert changed.status_code == 200
    assert changed.get_json()["version"] == 2 and changed.get_json()["tags"] == ["laser", "optics"]


def test_an_existing_tag_is_reused_whatever_its_case(api):
    TagFactory(name="Laser")

    created = api.post("/companies", json={"name": "Firm", "tags": ["laser"]})

    assert created.get_json()["tags"] == ["Laser"]


def test_a_new_company_belongs_to_the_caller_and_their_office(api, staff):
    created = api.post("/companies", json={"name": "Neue Optik GmbH", "website": "neue-optik.de"}).get_json()

    assert (created["owner_id"], created["office_id"]) == (staff.id, staff.office_id)
    assert created["website"] == "https://neue-optik.de"


def test_delete_moves_a_company_to_the_trash(api_as, manager):
    company = CompanyFactory()

    assert api_as(manager).delete(f"/companies/{company.id}").status_code == 204

    trashed = db.session.scalar(sa.select(Company).where(Company.id == company.id), execution_options=INCLUDE_DELETED)
    assert trashed.deleted_by_id == manager.id
    assert api_as(manager).get("/companies").get_json()["total"] == 0


def test_a_company_with_people_is_not_deleted(api_as, manager):
    company = AffiliationFactory().company

    response = api_as(manager).delete(f"/companies/{company.id}")

    assert response.status_code == 409 and response.get_json()["error"]["code"] == "in_use"


def test_staff_change_their_own_interaction(api, staff):
    interaction = InteractionFactory(author=staff, office=staff.office)

    response = api.patch(f"/interactions/{interaction.id}", json={"version": 1, "summary": "Met at the fair"})

    assert response.status_code == 200 and response.get_json()["summary"] == "Met at the fair"


def test_a_confidential_interaction_is_hidden_from_other_staff(api, api_as, office):
    author = UserFactory(office=office, role=Role.STAFF)
    secret = InteractionFactory(author=author, office=office, confidential=True)

    listed = api.get(f"/interactions?company_id={secret.company_id}").get_json()

    assert listed["items"] == []
    assert api.get(f"/interactions/{secret.id}").status_code == 404
    assert api_as(author).get(f"/interactions/{secret.id}").status_code == 200


def test_a_logged_interaction_is_the_callers(api, staff):
    company = CompanyFactory()

    created = api.post("/interactions", json={
        "company_id": company.id, "channel": "wechat", "summary": "Asked for samples",
        "occurred_at": "2026-03-02T10:30:00+08:00",
    }).get_json()

    assert (created["author_id"], created["office_id"]) == (staff.id, staff.office_id)
    assert created["occurred_at"] == "2026-03-02T02:30:00Z"
    assert db.session.get(Interaction, created["id"]).occurred_at == datetime(2026, 3, 2, 2, 30)


def test_the_follow_up_list_shows_mine_unless_asked_for_everyones(api, staff, office):
    mine = FollowUpFactory(assignee=staff, created_by=staff, office=office)
    FollowUpFactory(assignee=UserFactory(office=office), office=office)

    assert [row["id"] for row in api.get("/follow-ups").get_json()["items"]] == [mine.id]
    assert api.get("/follow-ups?scope=everyone").get_json()["total"] == 2


def test_closing_a_follow_up_files_its_outcome_in_the_history(api, staff, office):
    follow_up = FollowUpFactory(assignee=staff, created_by=staff, office=office)

    response = api.patch(f"/follow-ups/{follow_up.id}",
                         json={"version": 1, "done": True, "outcome_note": "They will visit"})

    assert response.status_code == 200 and response.get_json()["done"] is True
    filed = db.session.scalar(sa.select(Interaction).where(Interaction.company_id == follow_up.company_id))
    assert filed.outcome == "They will visit" and filed.author_id == staff.id


def test_a_done_follow_up_cannot_change(api, staff, office):
    follow_up = FollowUpFactory(assignee=staff, created_by=staff, office=office)
    api.patch(f"/follow-ups/{follow_up.id}", json={"version": 1, "done": True})
    version = db.session.get(FollowUp, follow_up.id).version

    response = api.patch(f"/follow-ups/{follow_up.id}", json={"version": version, "due_on": "2030-01-01"})

    assert response.status_code == 409 and response.get_json()["error"]["code"] == "done"


def test_an_event_cannot_end_before_it_starts(api_as, manager):
    response = api_as(manager).post("/events", json={"name": "Fair", "starts_on": "2026-05-04",
                                                       "ends_on": "2026-05-01"})

    assert response.status_code == 400 and set(response.get_json()["error"]["fields"]) == {"ends_on"}


def test_a_company_registers_for_an_event_once(api):
    event = EventFactory()
    participant = ParticipantFactory(event=event)

    response = api.post(f"/events/{event.id}/participants", json={"company_id": participant.company_id})

    assert response.status_code == 409 and response.get_json()["error"]["code"] == "conflict"


def test_a_request_between_participants_of_another_event_is_refused(api):
    event = EventFactory()
    here, elsewhere = ParticipantFactory(event=event), ParticipantFactory(event=EventFactory())

    response = api.post(f"/events/{event.id}/requests",
                        json={"requester_id": here.id, "counterpart_id": elsewhere.id})

    assert response.status_code == 400 and set(response.get_json()["error"]["fields"]) == {"counterpart_id"}


def test_a_participant_is_found_only_under_its_own_event(api):
    participant = ParticipantFactory()
    other_event = EventFactory()

    assert api.get(f"/events/{other_event.id}/participants/{participant.id}").status_code == 404


def test_a_meeting_outside_the_fairs_tables_is_refused(api_as, manager):
    event = EventFactory(tables=2)
    a, b = ParticipantFactory(event=event), ParticipantFactory(event=event)

    response = api_as(manager).post(f"/events/{event.id}/meetings",
                                    json={"a_id": a.id, "b_id": b.id, "slot": 0, "table_number": 3})

    assert response.status_code == 400 and set(response.get_json()["error"]["fields"]) == {"table_number"}


def test_the_delegation_list_filters_by_year(api, api_as, manager):
    planner = api_as(manager)
    planner.post("/delegations", json={"name": "Spring trip", "starts_on": "2025-04-01", "ends_on": "2025-04-05"})
    planner.post("/delegations", json={"name": "Autumn trip", "starts_on": "2026-10-01", "ends_on": "2026-10-05"})

    found = api.get("/delegations?year=2026").get_json()

    assert [row["name"] for row in found["items"]] == ["Autumn trip"]


def test_an_agreement_lists_its_parties(api_as, manager):
    parties = [CompanyFactory(name="Jinan Hi-tech Zone"), CompanyFactory(name="TU Dresden")]

    created = api_as(manager).post("/agreements", json={
        "kind": "mou", "title": "MoU", "party_ids": [c.id for c in parties], "signed_on": str(date(2026, 3, 1)),
    }).get_json()

    assert sorted(created["party_ids"]) == sorted(c.id for c in parties)
    assert api_as(manager).get(f"/agreements?company_id={parties[0].id}").get_json()["total"] == 1


def test_an_interaction_cannot_name_a_person_of_another_company(api):
    company, stranger = CompanyFactory(), AffiliationFactory().person

    response = api.post("/interactions", json={"company_id": company.id, "channel": "call", "summary": "Hello",
                                               "people_ids": [stranger.id]})

    assert response.status_code == 400 and set(response.get_json()["error"]["fields"]) == {"people_ids"}


def test_an_interaction_cannot_move_to_another_company(api, staff):
    interaction = InteractionFactory(author=staff, office=staff.office)

    response = api.patch(f"/interactions/{interaction.id}", json={"version": 1, "company_id": CompanyFactory().id})

    assert response.status_code == 400 and set(response.get_json()["error"]["fields"]) == {"company_id"}


@pytest.mark.parametrize("assignee", ["inactive", "viewer"])
def test_a_follow_up_cannot_be_assigned_to_someone_who_cannot_act_on_it(api, office, assignee):
    user = UserFactory(office=office, **({"active": False} if assignee == "inactive" else {"role": Role.VIEWER}))

    response = api.post("/follow-ups", json={"company_id": CompanyFactory().id, "next_step": "Call back",
                                             "due_on": "2026-12-01", "assignee_id": user.id})

    assert response.status_code == 400 and set(response.get_json()["error"]["fields"]) == {"assignee_id"}


def test_a_company_cannot_be_given_to_an_inactive_owner(api, office):
    company = CompanyFactory()
    gone = UserFactory(office=office, active=False)

    response = api.patch(f"/companies/{company.id}", json={"version": 1, "owner_id": gone.id})

    assert response.status_code == 400 and set(response.get_json()["error"]["fields"]) == {"owner_id"}
