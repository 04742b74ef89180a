"""The admin pages: registering endpoints with their secret, the delivery list, retry now."""
import pytest
import sqlalchemy as sa

from crm.extensions import db
from crm.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint
from tests.factories import CompanyFactory, WebhookEndpointFactory


@pytest.fixture
def as_admin(client, auth, admin):
    auth.login(admin)
    return client


def register(client, url, **extra):
    return client.post("/admin/webhooks/new", data={"url": url, "description": "ERP", "events": ["company.created"],
                                                     "active": "y", **extra})


def test_an_admin_registers_an_endpoint_and_sees_its_generated_secret(as_admin):
    response = register(as_admin, "https://erp.example.com/hooks")
    endpoint = db.session.scalar(sa.select(WebhookEndpoint))
    assert response.headers["Location"] == f"/admin/webhooks/{endpoint.id}"
    assert (endpoint.url, endpoint.events, endpoint.active) == (
        "https://erp.example.com/hooks", ["company.created"], True)
    assert len(endpoint.secret) == 64
    assert endpoint.secret in as_admin.get(response.headers["Location"]).get_data(as_text=True)


@pytest.mark.parametrize("url", ["http://erp.example.com/hooks", "ftp://erp.example.com", "erp.example.com",
                                 "https://", "https://user:pw@erp.example.com/", "https://erp.example.com:port/",
                                 "http://127.0.0.1:8000/hook"])
def test_only_https_addresses_are_accepted(as_admin, url):
    response = register(as_admin, url)
    assert response.status_code == 200
    assert "is-invalid" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(WebhookEndpoint)) is None


def test_loopback_http_is_accepted_when_the_app_allows_it(app, as_admin, monkeypatch):
    monkeypatch.setitem(app.config, "WEBHOOKS_ALLOW_LOOPBACK", True)
    assert register(as_admin, "http://127.0.0.1:8000/hook").status_code == 302
    assert register(as_admin, "http://erp.example.com/hook").status_code == 200


def test_an_endpoint_needs_an_event(as_admin):
    response = register(as_admin, "https://erp.example.com/hooks", events=[])
    assert "Choose at least one event." in response.get_data(as_text=True)


def test_a_new_secret_replaces_the_old_one(as_admin):
    endpoint = WebhookEndpointFactory(secret="old")
    as_admin.post(f"/admin/webhooks/{endpoint.id}/secret")
    assert db.session.get(WebhookEndpoint, endpoint.id).secret not in ("old", "")


def test_the_delivery_list_shows_status_attempts_and_the_last_answer(as_admin):
    WebhookEndpointFactory(url="https://127.0.0.1:9/hook")
    CompanyFactory()
    delivery = db.session.scalar(sa.select(WebhookDelivery))
    delivery.attempts, delivery.last_status_code = 2, 503
    db.session.commit()
    text = as_admin.get("/admin/webhooks/deliveries?status=pending").get_data(as_text=True)
    assert "Company created" in text and "HTTP 503" in text and "Retry now" in text
    assert "Company created" not in as_admin.get("/admin/webhooks/deliveries?status=failed").get_data(as_text=True)


def test_retry_now_sends_a_failed_delivery_at_once(app, as_admin, receiver, monkeypatch):
    WebhookEndpointFactory(url=receiver.url)
    CompanyFactory()
    delivery = db.session.scalar(sa.select(WebhookDelivery))
    delivery.status, delivery.attempts, delivery.next_attempt_at = DeliveryStatus.FAILED, 6, None
    db.session.commit()

    response = as_admin.post(f"/admin/webhooks/deliveries/{delivery.id}/retry?next=/admin/webhooks/deliveries")

    assert response.headers["Location"] == "/admin/webhooks/deliveries"
    delivery = db.session.get(WebhookDelivery, delivery.id)
    assert (delivery.status, delivery.attempts, len(receiver.received)) == (DeliveryStatus.DELIVERED, 7, 1)


def test_retry_now_does_not_send_to_another_site_afterwards(as_admin):
    WebhookEndpointFactory(url="https://127.0.0.1:9/hook")
    CompanyFactory()
    delivery = db.session.scalar(sa.select(WebhookDelivery))
    response = as_admin.post(f"/admin/webhooks/deliveries/{delivery.id}/retry?next=https://evil.example.com/")
    assert response.headers["Location"] == "/admin/webhooks/deliveries"
    assert db.session.get(WebhookDelivery, delivery.id).last_error


@pytest.mark.parametrize("path", ["/admin/webhooks/", "/admin/webhooks/new", "/admin/webhooks/deliveries"])
def test_managers_may_not_see_the_webhook_pages(client, auth, manager, path):
    auth.login(manager)
    assert client.get(path).status_code == 403
