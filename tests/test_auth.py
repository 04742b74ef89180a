"""Logging in and out, safe redirects, password changes."""
import pytest

from crm.extensions import db
from tests.factories import PASSWORD, UserFactory


def test_login_page_shows_the_form(client):
    response = client.get("/login")
    assert response.status_code == 200
    assert b'name="email"' in response.data and b'name="password"' in response.data


def test_login_with_right_password_lands_on_the_dashboard(client, auth, staff):
    response = auth.login(staff)
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert client.get("/").status_code == 200


def test_login_is_case_insensitive_on_the_email(client, staff):
    response = client.post("/login", data={"email": staff.email.upper(), "password": PASSWORD})
    assert response.headers["Location"] == "/"


@pytest.mark.parametrize("email", ["nobody@office.jadebridge.org", None])
def test_wrong_password_and_unknown_account_get_the_same_message(client, staff, email):
    response = client.post("/login", data={"email": email or staff.email, "password": "wrong password"})
    assert response.status_code == 200
    assert b"E-mail or password is wrong." in response.data


def test_deactivated_user_cannot_log_in(client, office):
    user = UserFactory(office=office, active=False)
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert b"E-mail or password is wrong." in response.data


def test_login_form_names_the_missing_field(client):
    response = client.post("/login", data={"email": "", "password": ""})
    assert response.status_code == 200
    assert b"This field is required." in response.data


def test_pages_need_a_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


def test_login_follows_a_local_next(client, staff):
    response = client.post("/login?next=/account/password", data={"email": staff.email, "password": PASSWORD})
    assert response.headers["Location"] == "/account/password"


@pytest.mark.parametrize(
    "target",
    ["https://evil.example/", "//evil.example/", "javascript:alert(1)", "/\\evil.example/", "/\t/evil.example/"],
)
def test_login_ignores_a_next_to_another_site(client, staff, target):
    response = client.post(f"/login?next={target}", data={"email": staff.email, "password": PASSWORD})
    assert response.headers["Location"] == "/"


def test_logout_is_a_post_and_ends_the_session(logged_in):
    assert logged_in.get("/logout").status_code == 405
    assert logged_in.post("/logout").status_code == 302
    assert logged_in.get("/").status_code == 302


def test_password_is_stored_hashed(staff):
    assert PASSWORD not in staff.password_hash
    assert staff.check_password(PASSWORD)


def test_change_password_needs_the_current_one(logged_in, staff):
    response = logged_in.post(
        "/account/password",
        data={"current_password": "not it", "new_password": "a new long secret", "confirm": "a new long secret"},
    )
    assert b"This is not your current password." in response.data
    assert db.session.get(type(staff), staff.id).check_password(PASSWORD)


def test_change_password_replaces_the_hash(logged_in, staff):
    response = logged_in.post(
        "/account/password",
        data={"current_password": PASSWORD, "new_password": "a new long secret", "confirm": "a new long secret"},
    )
    assert response.status_code == 302
    assert db.session.get(type(staff), staff.id).check_password("a new long secret")


def test_change_password_refuses_a_short_one(logged_in):
    response = logged_in.post(
        "/account/password", data={"current_password": PASSWORD, "new_password": "short", "confirm": "short"}
    )
    assert b"Use at least 10 characters." in response.data
