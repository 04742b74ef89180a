"""The load balancer's health check."""
import sqlalchemy as sa

from crm.extensions import db


def test_health_answers_ok_without_a_login(client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok"}


def test_health_answers_503_when_the_database_fails(client, monkeypatch):
    def broken(*args, **kwargs):
        raise sa.exc.OperationalError("SELECT 1", {}, Exception("connection refused"))

    monkeypatch.setattr(db.session, "execute", broken)
    response = client.get("/health")
    assert response.status_code == 503
    assert response.json["status"] == "unavailable"
