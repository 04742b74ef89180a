"""A person logs in with the real form in a real browser."""
from playwright.sync_api import expect

from tests import factories
from tests.e2e.conftest import check_accessibility, screenshot


def test_staff_member_logs_in_and_lands_on_the_dashboard(page, live_data):
    with live_data():
        office = factories.OfficeFactory(name="Dresden")
        user = factories.UserFactory(office=office, name="Anna Schmidt")
        email = user.email
    page.goto("/")
    check_accessibility(page)
    screenshot(page, "login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")
    expect(page.get_by_text("Anna Schmidt · Dresden")).to_be_visible()
    check_accessibility(page)
