"""User and office management is for admins only."""
import pytest
import sqlalchemy as sa

from crm.extensions import db
from crm.models import Office, Role, User
from tests.factories import PASSWORD, UserFactory

ADMIN_PAGES = ["/admin/users", "/admin/users/new", "/admin/offices", "/admin/offices/new"]


@pytest.mark.parametrize("path", ADMIN_PAGES)
@pytest.mark.parametrize("role", [Role.VIEWER, Role.STAFF, Role.MANAGER])
def test_only_admins_reach_user_management(client, auth, office, path, role):
    auth.login(UserFactory(office=office, role=role))
    assert client.get(path).status_code == 403


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_admin_pages_need_a_login(client, path):
    assert client.get(path).headers["Location"].startswith("/login")


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_admin_reaches_user_management(client, auth, admin, path):
    auth.login(admin)
    assert client.get(path).status_code == 200


def test_admin_creates_a_user_who_can_log_in(client, auth, admin, office):
    auth.login(admin)
    response = client.post("/admin/users/new", data={
        "email": "Anna.Schmidt@jadebridge.eu", "name": "Anna Schmidt", "role": "manager",
        "office_id": office.id, "language": "de", "active": "y", "password": "a long enough secret",
    })
    assert response.status_code == 302
    user = db.session.scalar(sa.select(User).where(User.email == "anna.schmidt@jadebridge.eu"))
    assert (user.role, user.office, user.language) == (Role.MANAGER, office, "de")
    auth.logout()
    assert client.post("/login", data={"email": user.email, "password": "a long enough secret"}).status_code == 302


def test_a_new_user_needs_a_password(client, auth, admin, office):
    auth.login(admin)
    response = client.post("/admin/users/new", data={
        "email": "x@jadebridge.eu", "name": "X", "role": "staff", "office_id": office.id,
    })
    assert b"A new user needs a password." in response.data
    assert db.session.scalar(sa.select(User).where(User.email == "x@jadebridge.eu")) is None


def test_an_email_can_belong_to_one_user_only(client, auth, admin, staff, office):
    auth.login(admin)
    response = client.post("/admin/users/new", data={
        "email": staff.email.upper(), "name": "Copy", "role": "staff", "office_id": office.id,
        "password": "a long enough secret",
    })
    assert b"Another user has this e-mail address." in response.data


def test_deactivating_a_user_ends_their_session_and_keeps_the_record(app, auth, admin, staff):
    staff_client = app.test_client()
    staff_client.post("/login", data={"email": staff.email, "password": PASSWORD})
    assert staff_client.get("/").status_code == 200
    auth.login(admin)
    auth.client.post(f"/admin/users/{staff.id}", data={
        "email": staff.email, "name": staff.name, "role": "staff", "office_id": staff.office_id, "language": "",
    })
    assert db.session.get(User, staff.id).active is False
    assert staff_client.get("/").status_code == 302


def test_editing_without_a_password_keeps_the_old_one(client, auth, admin, staff):
    auth.login(admin)
    client.post(f"/admin/users/{staff.id}", data={
        "email": staff.email, "name": "Renamed", "role": "manager", "office_id": staff.office_id, "active": "y",
    })
    user = db.session.get(User, staff.id)
    assert user.name == "Renamed" and user.role is Role.MANAGER and user.check_password(PASSWORD)


def test_unknown_user_is_404(client, auth, admin):
    auth.login(admin)
    assert client.get("/admin/users/999999").status_code == 404


def test_admin_opens_an_office(client, auth, admin):
    auth.login(admin)
    response = client.post("/admin/offices/new", data={
        "name": "Vantaa", "city": "Vantaa", "country": "fi", "timezone": "Europe/Helsinki",
    })
    assert response.status_code == 302
    office = db.session.scalar(sa.select(Office).where(Office.name == "Vantaa"))
    assert (office.country, office.timezone) == ("FI", "Europe/Helsinki")


def test_an_office_needs_a_real_time_zone(client, auth, admin):
    auth.login(admin)
    response = client.post("/admin/offices/new", data={"name": "Nowhere", "timezone": "Mars/Olympus"})
    assert b"Unknown time zone." in response.data


def test_office_names_are_unique(client, auth, admin, office):
    auth.login(admin)
    response = client.post("/admin/offices/new", data={"name": office.name, "timezone": "UTC"})
    assert b"An office with this name exists already." in response.data


def test_admin_sees_the_admin_menu_and_staff_does_not(client, auth, admin, staff):
    auth.login(staff)
    assert b'href="/admin/users"' not in client.get("/").data
    auth.logout()
    auth.login(admin)
    assert b'href="/admin/users"' in client.get("/").data
