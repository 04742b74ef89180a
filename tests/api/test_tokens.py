"""Personal API tokens: made, named, scoped and revoked on the account page; stored
hashed; refused when revoked or expired; and neither a cookie into the API nor a token
into the pages."""
import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from crm.extensions import db
from crm.models import ApiToken, AuditEntry, Role, TokenScope, utcnow
from crm.services.api_tokens import hash_secret
from tests.api.conftest import Api, make_token
from tests.factories import CompanyFactory, UserFactory


def new_secret(page: str) -> str | None:
    found = re.search(r'id="new-token" value="([^"]+)"', page)
    return found.group(1) if found else None


def test_a_user_creates_a_token_and_sees_its_secret_once(logged_in, staff):
    response = logged_in.post("/account/tokens", data={"name": "Zone website", "scope": "write", "valid_days": "90"})
    secret = new_secret(response.get_data(as_text=True))

    token = db.session.scalar(sa.select(ApiToken))
    assert response.status_code == 200 and secret.startswith("jb_")
    assert (token.user_id, token.name, token.scope) == (staff.id, "Zone website", TokenScope.WRITE)
    assert token.token_hash == hash_secret(secret) and secret not in token.token_hash
    assert token.expires_at - utcnow() > timedelta(days=89)
    assert new_secret(logged_in.get("/account/").get_data(as_text=True)) is None
    assert "Zone website" in logged_in.get("/account/").get_data(as_text=True)


def test_a_token_without_a_name_is_refused_with_the_field_named(logged_in):
    response = logged_in.post("/account/tokens", data={"name": " ", "scope": "read", "valid_days": "0"})

    assert response.status_code == 400
    assert "This field is required." in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ApiToken)) == 0


def test_a_user_revokes_a_token_and_the_api_refuses_it(logged_in, staff, client):
    secret = make_token(staff)
    token = db.session.scalar(sa.select(ApiToken))

    logged_in.post(f"/account/tokens/{token.id}/revoke")

    assert Api(client, secret).get("/companies").status_code == 401


def test_nobody_revokes_someone_elses_token(logged_in, office):
    make_token(UserFactory(office=office))
    token = db.session.scalar(sa.select(ApiToken))

    assert logged_in.post(f"/account/tokens/{token.id}/revoke").status_code == 404
    db.session.refresh(token)
    assert token.revoked_at is None


@pytest.mark.parametrize("header", [
    None, "Bearer", "Bearer jb_wrong", "Basic dXNlcjpwYXNz", "Token {secret}",
], ids=["missing", "empty", "unknown", "basic", "other-scheme"])
def test_a_call_without_a_valid_bearer_token_is_401(client, staff, header):
    secret = make_token(staff)
    headers = {"Authorization": header.format(secret=secret)} if header else {}

    response = client.get("/api/v1/companies", headers=headers)

    assert response.status_code == 401
    assert response.get_json() == {"error": {
        "code": "unauthorized", "fields": {},
        "message": "A valid API token is required: send it as 'Authorization: Bearer <token>'."}}


def test_an_expired_token_is_401(client, staff):
    secret = make_token(staff, valid_days=30)
    token = db.session.scalar(sa.select(ApiToken))
    token.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()

    assert Api(client, secret).get("/companies").status_code == 401


def test_a_deactivated_users_token_is_401(client, staff):
    secret = make_token(staff)
    staff.active = False
    db.session.commit()

    assert Api(client, secret).get("/companies").status_code == 401


def test_a_token_waits_while_an_admin_forces_a_new_password(client, staff):
    secret = make_token(staff)
    staff.must_change_password = True
    db.session.commit()

    assert Api(client, secret).get("/companies").status_code == 401


def test_a_token_records_when_it_was_last_used(client, staff):
    secret = make_token(staff)

    Api(client, secret).get("/companies")

    assert db.session.scalar(sa.select(ApiToken.last_used_at)) is not None


def test_the_session_cookie_opens_nothing_in_the_api(logged_in):
    response = logged_in.get("/api/v1/companies")

    assert response.status_code == 401
    assert "Set-Cookie" not in response.headers


def test_a_logged_in_browser_sending_a_token_acts_as_the_tokens_user(logged_in, office, client):
    viewer = UserFactory(office=office, role=Role.VIEWER)

    response = Api(logged_in, make_token(viewer)).post("/companies", json={"name": "Neue GmbH"})

    assert response.status_code == 403  # the viewer's role, not the logged-in staff member's


def test_the_api_needs_no_csrf_token(app, api):
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        response = api.post("/companies", json={"name": "Neue GmbH"})
    finally:
        app.config["WTF_CSRF_ENABLED"] = False

    assert response.status_code == 201


def test_a_token_opens_no_page(client, staff):
    response = client.get("/companies/", headers={"Authorization": f"Bearer {make_token(staff)}"})

    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_calls_beyond_the_rate_limit_get_429(app, api):
    app.config["API_RATE_LIMIT"] = "3 per minute"
    try:
        statuses = [api.get("/companies").status_code for _ in range(4)]
        last = api.get("/companies")
    finally:
        app.config["API_RATE_LIMIT"] = "300 per minute"

    assert statuses == [200, 200, 200, 429]
    assert last.get_json()["error"]["code"] == "rate_limited"


def test_each_token_has_its_own_rate_limit(app, api, api_as, manager):
    app.config["API_RATE_LIMIT"] = "2 per minute"
    try:
        for _ in range(3):
            api.get("/companies")
        other = api_as(manager).get("/companies")
    finally:
        app.config["API_RATE_LIMIT"] = "300 per minute"

    assert other.status_code == 200


def test_changes_through_the_api_are_audited_as_the_tokens_user(api, staff):
    company = CompanyFactory()
    api.patch(f"/companies/{company.id}", json={"version": company.version, "city": "Leipzig"})

    entry = db.session.scalars(sa.select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert (entry.user_id, entry.origin, entry.changes["city"][1]) == (staff.id, "api", "Leipzig")
