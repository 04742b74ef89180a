"""The user's own settings: reminders, language and the private calendar address."""
import re

import pytest

from crm.extensions import db
from crm.models import Role
from tests.factories import UserFactory


@pytest.fixture(params=[Role.VIEWER, Role.STAFF, Role.MANAGER, Role.ADMIN], ids=lambda role: role.value)
def user(request, office):
    return UserFactory(office=office, role=request.param)


@pytest.fixture
def as_user(client, auth, user):
    auth.login(user)
    return client


def feed_address(page: str) -> str | None:
    found = re.search(r'id="feed-url" value="([^"]+)"', page)
    return found.group(1) if found else None


def test_the_settings_page_needs_a_login(client):
    response = client.get("/account/")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    assert client.post("/account/calendar").headers["Location"].startswith("/login")
    assert client.post("/account/calendar/revoke").headers["Location"].startswith("/login")


def test_every_role_sees_its_settings_and_a_link_to_change_the_password(as_user):
    page = as_user.get("/account/").get_data(as_text=True)

    assert "My settings" in page
    assert re.search(r'<input checked [^>]*name="reminders_enabled"', page)
    assert 'href="/account/password"' in page


def test_every_role_may_switch_reminders_off_and_choose_a_language(as_user, user):
    response = as_user.post("/account/", data={"language": "de"})

    assert response.status_code == 302 and response.headers["Location"] == "/account/"
    db.session.refresh(user)
    assert user.reminders_enabled is False and user.language == "de"


def test_the_chosen_language_is_used_at_once(logged_in, staff):
    logged_in.post("/account/", data={"reminders_enabled": "y", "language": "zh"})

    assert '<html lang="zh">' in logged_in.get("/account/").get_data(as_text=True)


def test_from_the_browser_clears_the_language(logged_in, staff):
    staff.language = "fi"
    db.session.commit()

    logged_in.post("/account/", data={"reminders_enabled": "y", "language": ""})

    db.session.refresh(staff)
    assert staff.language is None and staff.reminders_enabled is True
    page = logged_in.get("/account/", headers={"Accept-Language": "de-DE,de;q=0.9"}).get_data(as_text=True)
    assert '<html lang="de">' in page


def test_switching_reminders_back_on(logged_in, staff):
    staff.reminders_enabled = False
    db.session.commit()

    logged_in.post("/account/", data={"reminders_enabled": "y", "language": ""})

    db.session.refresh(staff)
    assert staff.reminders_enabled is True


def test_an_unknown_language_is_refused(logged_in, staff):
    response = logged_in.post("/account/", data={"language": "tlh"})

    assert response.status_code == 200 and "Not a valid choice" in response.get_data(as_text=True)
    db.session.refresh(staff)
    assert staff.language is None and staff.reminders_enabled is True


def test_settings_change_only_ones_own_account(logged_in, staff, office):
    colleague = UserFactory(office=office)

    logged_in.post("/account/", data={"language": "de"})

    db.session.refresh(colleague)
    assert colleague.reminders_enabled is True and colleague.language is None


# --- the calendar address ---

def test_without_a_calendar_address_the_page_offers_to_create_one(logged_in):
    page = logged_in.get("/account/").get_data(as_text=True)

    assert feed_address(page) is None
    assert 'action="/account/calendar"' in page and "Create address" in page
    assert 'action="/account/calendar/revoke"' not in page


def test_every_role_may_create_its_calendar_address(as_user, user):
    response = as_user.post("/account/calendar")

    assert response.status_code == 302 and response.headers["Location"] == "/account/"
    db.session.refresh(user)
    assert user.calendar_token and len(user.calendar_token) >= 40
    page = as_user.get("/account/").get_data(as_text=True)
    assert feed_address(page) == f"http://localhost/calendar/{user.calendar_token}.ics"
    assert "Replace address" in page and "Revoke address" in page


def test_the_address_opens_the_feed(logged_in, staff):
    logged_in.post("/account/calendar")
    address = feed_address(logged_in.get("/account/").get_data(as_text=True))

    response = logged_in.get(address.removeprefix("http://localhost"))

    assert response.status_code == 200 and response.mimetype == "text/calendar"


def test_replacing_the_address_stops_the_old_one(logged_in, staff):
    logged_in.post("/account/calendar")
    db.session.refresh(staff)
    old = staff.calendar_token

    logged_in.post("/account/calendar")

    db.session.refresh(staff)
    assert staff.calendar_token and staff.calendar_token != old
    assert logged_in.get(f"/calendar/{old}.ics").status_code == 404
    assert logged_in.get(f"/calendar/{staff.calendar_token}.ics").status_code == 200


def test_revoking_the_address_stops_it_and_makes_no_new_one(logged_in, staff):
    logged_in.post("/account/calendar")
    db.session.refresh(staff)
    old = staff.calendar_token

    response = logged_in.post("/account/calendar/revoke")

    assert response.status_code == 302
    db.session.refresh(staff)
    assert staff.calendar_token is None
    assert logged_in.get(f"/calendar/{old}.ics").status_code == 404
    assert feed_address(logged_in.get("/account/").get_data(as_text=True)) is None


def test_the_address_buttons_are_posts(logged_in):
    assert logged_in.get("/account/calendar").status_code == 405
    assert logged_in.get("/account/calendar/revoke").status_code == 405
