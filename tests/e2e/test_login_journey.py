"""A person logs in with the real form in a real browser."""
from playwright.sync_api import expect

from tests import factories
from tests.e2e.conftest import check_accessibility, log_in, screenshot


def test_staff_member_logs_in_and_lands_on_the_dashboard(page, live_data):
    with live_data():
        office = factories.OfficeFactory(name="Dresden")
        user = factories.UserFactory(office=office, name="Anna Schmidt")
        email = user.email
    page.goto("/")
    check_accessibility(page)
    screenshot(page, "login")
    log_in(page, email)
    expect(page.get_by_text("Anna Schmidt · Dresden")).to_be_visible()
    check_accessibility(page)
