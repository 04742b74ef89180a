"""The header's search box and the pinyin suggestion, in a real browser."""
import pytest
from playwright.sync_api import expect

from tests import factories
from tests.e2e.conftest import log_in, screenshot


@pytest.fixture
def signed_in(page, live_data):
    with live_data():
        user = factories.UserFactory(office=factories.OfficeFactory(name="Jinan"))
        factories.CompanyFactory(name="Jinan Laser Technology", name_local="济南激光科技有限公司")
        email = user.email
    log_in(page, email)
    return page


def test_slash_focuses_the_box_and_matches_appear_while_typing(signed_in):
    page = signed_in
    page.wait_for_load_state()  # the script that listens for "/" comes last in the page
    page.keyboard.press("/")
    expect(page.locator("#site-search")).to_be_focused()
    page.keyboard.insert_text("激光")  # as a Chinese input method commits a word
    results = page.locator("#site-search-results")
    expect(results).to_be_visible()
    expect(results.get_by_role("link", name="Jinan Laser Technology")).to_be_visible()
    screenshot(page, "search")
    page.keyboard.press("ArrowDown")
    expect(results.get_by_role("link", name="Jinan Laser Technology")).to_be_focused()


def test_slash_in_another_field_is_just_a_character(signed_in):
    page = signed_in
    page.goto("/companies/new")
    field = page.get_by_label("City")
    field.click()
    page.keyboard.type("a/b")
    expect(field).to_have_value("a/b")
    expect(page.locator("#site-search")).not_to_be_focused()


def test_typing_a_chinese_name_suggests_its_pinyin(signed_in):
    page = signed_in
    page.goto("/companies/new")
    page.get_by_label("Local-script name").fill("山东大学")
    expect(page.get_by_label("Name (Latin script)")).to_have_value("Shandong Daxue")
