"""Session cookies, session ends (logout, new password, idle time), forced password changes, deactivation."""
import time

import pytest

from crm import create_app
from crm.extensions import db
from crm.models import User
from tests.factories import PASSWORD

NEW_PASSWORD = "a new long secret"


def other_client(app, auth_user):
    client = app.test_client()
    client.post("/login", data={"email": auth_user.email, "password": PASSWORD})
    return client


def session_cookie(response) -> str:
    return next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("session="))


def test_the_session_cookie_is_httponly_and_samesite_lax(client, staff, auth):
    cookie = session_cookie(auth.login(staff))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie


def test_served_over_https_the_cookies_are_secure(monkeypatch, tmp_path):
    monkeypatch.setenv("HTTPS", "1")
    import importlib

    import config
    importlib.reload(config)
    try:
        app = create_app("config.TestConfig", {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.sqlite"})
        assert app.config["SESSION_COOKIE_SECURE"] and app.config["REMEMBER_COOKIE_SECURE"]
    finally:
        monkeypatch.delenv("HTTPS")
        importlib.reload(config)


def test_logout_ends_a_copied_session_cookie_too(app, client, auth, staff):
    auth.login(staff)
    stolen = app.test_client()
    stolen.set_cookie("session", client.get_cookie("session").value)
    assert stolen.get("/").status_code == 200
    auth.logout()
    assert stolen.get("/").status_code == 302


def test_logout_ends_a_copied_remember_me_cookie_too(app, client, staff):
    client.post("/login", data={"email": staff.email, "password": PASSWORD, "remember": "y"})
    stolen = app.test_client()
    stolen.set_cookie("remember_token", client.get_cookie("remember_token").value)
    assert stolen.get("/").status_code == 200
    client.post("/logout")
    other = app.test_client()
    other.set_cookie("remember_token", stolen.get_cookie("remember_token").value)
    assert other.get("/").status_code == 302


def test_a_password_change_ends_the_other_sessions_and_keeps_this_one(app, logged_in, staff):
    elsewhere = other_client(app, staff)
    response = logged_in.post("/account/password", data={
        "current_password": PASSWORD, "new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 302
    assert logged_in.get("/").status_code == 200
    assert elsewhere.get("/").status_code == 302


def test_a_password_set_by_an_admin_ends_the_users_sessions(app, client, auth, admin, staff):
    elsewhere = other_client(app, staff)
    auth.login(admin)
    client.post(f"/admin/users/{staff.id}", data={
        "email": staff.email, "name": staff.name, "role": "staff", "office_id": staff.office_id,
        "active": "y", "password": NEW_PASSWORD})
    assert elsewhere.get("/").status_code == 302


def test_a_deactivated_users_open_session_ends(app, client, auth, admin, staff):
    elsewhere = other_client(app, staff)
    auth.login(admin)
    client.post(f"/admin/users/{staff.id}", data={
        "email": staff.email, "name": staff.name, "role": "staff", "office_id": staff.office_id})
    assert db.session.get(User, staff.id).active is False
    assert elsewhere.get("/").status_code == 302


def test_a_session_from_an_old_format_or_forged_id_is_refused(app, staff):
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = str(staff.id)
        session["_fresh"] = True
    assert client.get("/").status_code == 302


@pytest.mark.parametrize("idle_minutes, expected", [(61, 302), (59, 200)])
def test_an_idle_session_ends_after_the_configured_minutes(app, logged_in, monkeypatch, idle_minutes, expected):
    monkeypatch.setitem(app.config, "SESSION_IDLE_MINUTES", 60)
    with logged_in.session_transaction() as session:
        session["seen"] = time.time() - idle_minutes * 60
    response = logged_in.get("/companies/")
    assert response.status_code == expected
    if expected == 302:
        assert response.headers["Location"].startswith("/login?next=/companies/")
        assert logged_in.get("/").status_code == 302


def test_an_admin_can_force_a_new_password_at_the_next_page(client, auth, admin, staff):
    auth.login(admin)
    client.post(f"/admin/users/{staff.id}", data={
        "email": staff.email, "name": staff.name, "role": "staff", "office_id": staff.office_id,
        "active": "y", "must_change_password": "y"})
    assert db.session.get(User, staff.id).must_change_password
    auth.logout()
    auth.login(staff)
    response = client.get("/companies/")
    assert response.status_code == 302 and response.headers["Location"] == "/account/password"


def test_choosing_the_new_password_lifts_the_forced_change(client, auth, office, staff):
    staff.must_change_password = True
    db.session.commit()
    auth.login(staff)
    client.post("/account/password", data={
        "current_password": PASSWORD, "new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert client.get("/companies/").status_code == 200
    assert db.session.get(User, staff.id).must_change_password is False
