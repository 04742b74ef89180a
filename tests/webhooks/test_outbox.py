"""Every change that is an event writes its deliveries in its own transaction, whatever made it."""
import json

import sqlalchemy as sa

from crm.extensions import db
from crm.models import Company, DeliveryStatus, MeetingOutcome, WebhookDelivery, WebhookEvent
from tests.events.factories import MeetingFactory
from tests.factories import CompanyFactory, WebhookEndpointFactory
from tests.inquiries.conftest import InquiryFactory


def deliveries():
    return db.session.scalars(sa.select(WebhookDelivery).order_by(WebhookDelivery.id)).all()


def test_a_company_created_through_the_page_writes_a_pending_delivery(logged_in):
    endpoint = WebhookEndpointFactory()
    logged_in.post("/companies/new", data={"name": "Elbe Photonics", "kind": "enterprise", "status": "new"})

    [delivery] = deliveries()
    company = db.session.scalar(sa.select(Company))
    body = json.loads(delivery.body)
    assert (delivery.endpoint_id, delivery.event, delivery.status, delivery.attempts) == (
        endpoint.id, WebhookEvent.COMPANY_CREATED, DeliveryStatus.PENDING, 0)
    assert body["event"] == "company.created" and body["id"] == delivery.event_id
    assert body["occurred_at"].endswith("Z")
    assert (body["data"]["id"], body["data"]["name"], body["data"]["status"]) == (company.id, "Elbe Photonics", "new")


def test_a_company_changed_in_a_later_transaction_is_an_update():
    company = CompanyFactory(name="Elbe Photonics")
    WebhookEndpointFactory()
    company.city = "Jinan"
    db.session.commit()
    [delivery] = deliveries()
    assert delivery.event is WebhookEvent.COMPANY_UPDATED
    assert json.loads(delivery.body)["data"]["city"] == "Jinan"


def test_a_company_created_and_changed_in_one_transaction_is_one_creation_with_the_final_values():
    WebhookEndpointFactory()
    company = Company(name="Elbe Photonics")
    db.session.add(company)
    db.session.flush()
    company.city = "Jinan"
    db.session.commit()
    [delivery] = deliveries()
    assert delivery.event is WebhookEvent.COMPANY_CREATED
    assert json.loads(delivery.body)["data"]["city"] == "Jinan"


def test_companies_created_by_the_import_command_write_deliveries(runner, tmp_path):
    WebhookEndpointFactory(events=[WebhookEvent.COMPANY_CREATED.value])
    path = tmp_path / "companies.csv"
    path.write_text("name,city\r\nElbe Photonics,Dresden\r\nJinan Laser,Jinan\r\n")
    assert runner.invoke(args=["import-companies", str(path)]).exit_code == 0
    assert sorted(json.loads(delivery.body)["data"]["name"] for delivery in deliveries()) == [
        "Elbe Photonics", "Jinan Laser"]


def test_moving_a_company_to_the_trash_is_no_update():
    from crm.services import history

    company = CompanyFactory()
    WebhookEndpointFactory()
    history.soft_delete(company, None)
    db.session.commit()
    assert deliveries() == []


def test_an_interaction_logged_through_the_page_writes_a_delivery_without_its_summary(logged_in):
    company = CompanyFactory()
    WebhookEndpointFactory()
    logged_in.post(f"/companies/{company.id}/interactions/new", data={
        "occurred_at": "2026-11-24T10:00", "channel": "call", "summary": "Talked about Maria's new job"})

    [delivery] = deliveries()
    assert delivery.event is WebhookEvent.INTERACTION_LOGGED
    data = json.loads(delivery.body)["data"]
    assert (data["company_id"], data["channel"], data["occurred_at"]) == (company.id, "call", "2026-11-24T09:00:00Z")
    assert "Maria" not in delivery.body


def test_an_inquiry_received_leaves_the_contact_person_out():
    WebhookEndpointFactory()
    inquiry = InquiryFactory()
    [delivery] = deliveries()
    assert delivery.event is WebhookEvent.INQUIRY_RECEIVED
    assert json.loads(delivery.body)["data"]["company_name"] == inquiry.company_name
    assert inquiry.email not in delivery.body and inquiry.contact_name not in delivery.body


def test_a_meeting_outcome_recorded_is_an_event_and_its_other_changes_are_not():
    meeting = MeetingFactory()
    WebhookEndpointFactory(events=[WebhookEvent.MEETING_OUTCOME_RECORDED.value])
    meeting.table_number = 2
    db.session.commit()
    assert deliveries() == []
    meeting.outcome = MeetingOutcome.POSSIBLE
    db.session.commit()
    [delivery] = deliveries()
    assert (delivery.event, json.loads(delivery.body)["data"]["outcome"]) == (
        WebhookEvent.MEETING_OUTCOME_RECORDED, "possible")


def test_only_active_endpoints_that_chose_the_event_get_a_delivery():
    chose = WebhookEndpointFactory(events=[WebhookEvent.COMPANY_CREATED.value])
    WebhookEndpointFactory(events=[WebhookEvent.INQUIRY_RECEIVED.value])
    WebhookEndpointFactory(active=False)
    CompanyFactory()
    assert [delivery.endpoint_id for delivery in deliveries()] == [chose.id]


def test_one_event_has_one_id_for_every_endpoint():
    WebhookEndpointFactory()
    WebhookEndpointFactory()
    CompanyFactory()
    first, second = deliveries()
    assert first.event_id == second.event_id and first.body == second.body


def test_a_rolled_back_change_writes_nothing():
    WebhookEndpointFactory()
    db.session.add(Company(name="Never saved"))
    db.session.flush()
    db.session.rollback()
    CompanyFactory(name="Saved")
    [delivery] = deliveries()
    assert json.loads(delivery.body)["data"]["name"] == "Saved"
