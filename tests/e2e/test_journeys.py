"""The office's main journeys, each from login to result, in a real browser; every page
on the way passes the accessibility basics, and each journey saves a screenshot."""
import re
from datetime import date, datetime, time, timedelta

from playwright.sync_api import expect

from crm.extensions import db
from crm.models import Event, PipelineStatus, Role
from tests import factories
from tests.e2e.conftest import check_accessibility, log_in, screenshot


def dresden_user(role=Role.STAFF, **kwargs):
    office = factories.OfficeFactory(name="Dresden", city="Dresden", country="DE", timezone="Europe/Berlin")
    kwargs.setdefault("name", "Anna Schmidt")  # the same name in every screenshot
    return factories.UserFactory(office=office, role=role, **kwargs)


def a_busy_year(user) -> None:
    """Two years of contacts of two offices, a pipeline and done follow-ups, so the
    dashboard's charts in the README show something."""
    jinan = factories.UserFactory(office=factories.OfficeFactory(name="Jinan", timezone="Asia/Shanghai"))
    statuses = list(PipelineStatus)
    now = datetime.now()
    for n in range(60):
        company = factories.CompanyFactory(status=statuses[n % 5 if n % 3 else 1])
        factories.InteractionFactory(company=company, author=user if n % 2 else jinan,
                                     occurred_at=now - timedelta(days=12 * n + 3), summary=f"Contact {n}")
        due = date.today() - timedelta(days=9 * n + 2)
        factories.FollowUpFactory(company=company, assignee=user, due_on=due,
                                  done_at=datetime.combine(due + timedelta(days=n % 4 - 1), time(10)),
                                  done_by=user)
    db.session.add(Event(name="Jinan European Industry Cooperation Fair", city="Dresden",
                         starts_on=date.today() + timedelta(days=20), ends_on=date.today() + timedelta(days=21)))


def test_staff_finds_a_company_by_its_chinese_name_and_logs_a_wechat_follow_up(page, live_data):
    with live_data():
        user = dresden_user()
        a_busy_year(user)
        factories.CompanyFactory(name="Jinan Laser Technology Co., Ltd.", name_local="济南激光科技有限公司",
                                 city="Jinan", country="CN")
        factories.CompanyFactory(name="Dresden Chip Design GmbH", city="Dresden", country="DE")
        email = user.email
    log_in(page, email)

    page.get_by_role("link", name="Companies", exact=True).click()
    page.get_by_role("searchbox", name="Search", exact=True).fill("激光")
    page.get_by_role("searchbox", name="Search", exact=True).press("Enter")
    expect(page.get_by_role("link", name="Dresden Chip Design GmbH")).to_have_count(0)
    check_accessibility(page)
    screenshot(page, "company-search")
    page.get_by_role("link", name="Jinan Laser Technology Co., Ltd.").click()
    check_accessibility(page)

    page.get_by_role("link", name="Log interaction").first.click()
    check_accessibility(page)
    page.get_by_label("Channel").select_option(label="WeChat")
    page.get_by_label("Summary").fill("WeChat with Mr Wang about the Dresden fair; he wants a booth.")
    page.get_by_label("Next step").fill("Send the booth plan")
    due = date.today() + timedelta(days=3)
    page.get_by_label("Follow-up due on").fill(due.isoformat())
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Interaction logged.")).to_be_visible()

    page.get_by_role("link", name="Dashboard", exact=True).click()
    recent = page.locator("section", has=page.locator("#recent-heading"))
    expect(recent.get_by_text("WeChat with Mr Wang")).to_be_visible()
    expect(page.locator(".card", has_text="My open follow-ups").locator(".fs-3")).to_have_text("1")
    expect(page.locator("#recently-viewed")).to_contain_text("Jinan Laser Technology")
    check_accessibility(page)
    screenshot(page, "dashboard")
    page.get_by_role("link", name="Follow-ups", exact=True).click()
    expect(page.get_by_text("Send the booth plan")).to_be_visible()


def test_staff_logs_a_contact_from_the_company_list_with_the_keyboard_alone(page, live_data):
    with live_data():
        user = dresden_user()
        factories.CompanyFactory(name="Elbe Optics GmbH", city="Dresden", country="DE")
        email = user.email
    page.goto("/login")
    expect(page.get_by_label("E-mail")).to_be_focused()  # autofocus: wait for it before typing
    page.keyboard.type(email)
    page.keyboard.press("Tab")
    page.keyboard.type(factories.PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")

    page.goto("/companies/")
    for _ in range(40):  # Tab through the menu and the filters to the row's "Log contact"
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('details.quick-log summary')"):
            break
    page.keyboard.press("Enter")  # opens the disclosure
    expect(page.get_by_label("Summary")).to_be_visible()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # channel, then summary
    page.keyboard.type("Called about the laser fair")
    check_accessibility(page)
    screenshot(page, "quick-log")
    page.keyboard.press("Tab")  # to "Next step"; Enter in a text field sends the form
    page.keyboard.press("Enter")

    expect(page.get_by_text("Interaction logged.")).to_be_visible()
    assert re.search(r"/companies/$", page.url)
    page.goto("/")
    expect(page.locator("section", has=page.locator("#recent-heading"))).to_contain_text("Called about the laser fair")


def test_manager_runs_a_fair_from_registration_to_agendas(page, live_data):
    with live_data():
        manager = dresden_user(role=Role.MANAGER)
        for name in ("Jinan Laser Technology", "Shandong Robotics", "Elbe Optics GmbH", "Saxon Automation GmbH"):
            factories.CompanyFactory(name=name)
        email = manager.email
    log_in(page, email)
    page.on("dialog", lambda dialog: dialog.accept())
    fair_day = date.today() + timedelta(days=30)

    page.get_by_role("link", name="Events", exact=True).click()
    page.get_by_role("link", name="New event").click()
    check_accessibility(page)
    page.get_by_label("Name").fill("Jinan European Industry Cooperation Fair")
    page.get_by_label("First day").fill(fair_day.isoformat())
    page.get_by_label("Last day").fill(fair_day.isoformat())
    page.get_by_label("Slot length (minutes)").fill("20")
    page.get_by_label("Tables").fill("2")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Add meeting day").click()
    check_accessibility(page)
    page.get_by_label("Day", exact=True).fill(fair_day.isoformat())
    page.get_by_label("Meetings start").fill("09:00")
    page.get_by_label("Meetings end").fill("11:00")
    page.get_by_role("button", name="Save").click()

    profiles = {
        "Jinan Laser Technology": ("Visiting", "fiber laser cutting machines", "distribution partner in Germany"),
        "Shandong Robotics": ("Visiting", "welding robots", "distribution partner in Germany"),
        "Elbe Optics GmbH": ("Host", "distribution partner in Germany", "fiber laser cutting machines"),
        "Saxon Automation GmbH": ("Host", "distribution partner in Germany", "welding robots"),
    }
    for name, (side, offers, seeks) in profiles.items():
        page.get_by_role("link", name="Participants", exact=True).click()
        page.get_by_role("link", name="Register a company").click()
        page.get_by_label("Company").select_option(label=name)
        page.get_by_label("Side").select_option(label=side)
        page.get_by_label("Offers at this fair").fill(offers)
        page.get_by_label("Seeks at this fair").fill(seeks)
        check_accessibility(page)
        page.get_by_role("button", name="Save").click()
        expect(page.get_by_text(f"Registration of {name} saved.")).to_be_visible()

    for name in ("Jinan Laser Technology", "Shandong Robotics"):
        page.get_by_role("link", name="Participants", exact=True).click()
        page.get_by_role("row", name=re.compile(name)).get_by_role("link", name="Suggestions").click()
        check_accessibility(page)
        page.get_by_label("How many").fill("2")
        page.get_by_role("button", name="Accept the top suggestions").click()
        expect(page.get_by_text("2 accepted requests added.")).to_be_visible()

    page.get_by_role("link", name="Schedule", exact=True).click()
    page.get_by_role("button", name="Schedule all accepted requests").click()
    expect(page.get_by_role("button", name="Lock", exact=True)).to_have_count(4)
    check_accessibility(page)
    page.get_by_role("button", name="Lock", exact=True).first.click()
    expect(page.get_by_role("button", name="Unlock", exact=True)).to_have_count(1)

    page.get_by_role("link", name="Move").last.click()
    check_accessibility(page)
    page.get_by_label("Slot").select_option(index=page.get_by_label("Slot").locator("option").count() - 1)
    page.get_by_role("button", name="Move").click()
    expect(page.locator(".alert-success")).to_contain_text("moved to")
    screenshot(page, "fair-schedule")

    page.get_by_role("link", name="Agendas", exact=True).click()
    page.get_by_role("link", name="Jinan Laser Technology").first.click()
    check_accessibility(page)
    expect(page.locator("table")).to_contain_text("Elbe Optics GmbH")
    with page.expect_download() as xlsx:
        page.get_by_role("link", name="XLSX").click()
    assert xlsx.value.suggested_filename.endswith(".xlsx")
    with page.expect_download() as ics:
        page.get_by_role("link", name="Calendar (.ics)").click()
    assert ics.value.suggested_filename.endswith(".ics")
    assert "BEGIN:VCALENDAR" in open(ics.value.path(), encoding="utf-8").read()

    page.get_by_role("link", name="Report", exact=True).click()
    expect(page.locator("#chart-meetings")).to_be_visible()
    check_accessibility(page)
    screenshot(page, "fair-report")


def test_staff_pulls_this_weeks_follow_ups_of_the_dresden_office_and_exports_them(page, live_data):
    with live_data():
        user = dresden_user()
        colleague = factories.UserFactory(office=user.office, name="Jonas Weber")
        today = date.today()
        factories.FollowUpFactory(assignee=colleague, next_step="Send the Dresden fair brochure", due_on=today)
        factories.FollowUpFactory(assignee=user, next_step="Call Elbe Optics back", due_on=today)
        factories.FollowUpFactory(assignee=user, next_step="Far away step", due_on=today + timedelta(days=40))
        jinan = factories.UserFactory(office=factories.OfficeFactory(name="Jinan"))
        factories.FollowUpFactory(assignee=jinan, next_step="A Jinan step", due_on=today)
        email = user.email
    log_in(page, email)

    page.get_by_role("link", name="Follow-ups", exact=True).click()
    page.get_by_label("Whose").select_option(label="Office")
    page.get_by_label("Due", exact=True).select_option(label="Due this week")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_text("Send the Dresden fair brochure")).to_be_visible()
    expect(page.get_by_text("Call Elbe Optics back")).to_be_visible()
    expect(page.get_by_text("Far away step")).to_have_count(0)
    expect(page.get_by_text("A Jinan step")).to_have_count(0)
    check_accessibility(page)
    screenshot(page, "follow-ups")

    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    text = open(download.value.path(), encoding="utf-8-sig").read()
    assert "Send the Dresden fair brochure" in text and "A Jinan step" not in text


def test_manager_merges_two_duplicate_companies(page, live_data):
    with live_data():
        manager = dresden_user(role=Role.MANAGER)
        factories.CompanyFactory(name="Jinan Laser Technology Co., Ltd.", website="https://www.jinan-laser.cn")
        duplicate = factories.CompanyFactory(name="Jinan Laser Technology Co Ltd", website="http://jinan-laser.cn")
        factories.InteractionFactory(company=duplicate, author=manager, summary="Met them at the Hannover fair")
        email = manager.email
    log_in(page, email)

    page.get_by_role("link", name="Companies", exact=True).click()
    page.get_by_role("link", name="Possible duplicates").click()
    check_accessibility(page)
    page.get_by_role("link", name="Merge").first.click()
    check_accessibility(page)
    screenshot(page, "merge")
    page.get_by_role("button", name="Merge").click()

    expect(page.get_by_text("was merged into Jinan Laser Technology Co., Ltd.")).to_be_visible()
    expect(page.get_by_text("Met them at the Hannover fair")).to_be_visible()


def test_a_visitor_sends_an_inquiry_and_a_manager_accepts_it(page, live_data):
    with live_data():
        manager = dresden_user(role=Role.MANAGER)
        email = manager.email
    page.goto("/inquiry")
    check_accessibility(page)
    page.get_by_label("Company or institution").fill("Lausitz Hydrogen GmbH")
    page.get_by_label("Your name").fill("Petra Krause")
    page.get_by_label("E-mail", exact=True).fill("krause@lausitz-hydrogen.de")
    page.get_by_label("What your organisation seeks").fill("Electrolyser suppliers from Shandong")
    page.get_by_role("checkbox").check()
    screenshot(page, "inquiry-form")
    page.get_by_role("button", name="Send inquiry").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    check_accessibility(page)

    log_in(page, email)
    page.get_by_role("link", name="Inquiries", exact=True).click()
    page.get_by_role("link", name="Lausitz Hydrogen GmbH").click()
    check_accessibility(page)
    page.get_by_label("Office that answers").select_option(label="Dresden")
    page.get_by_role("button", name="Accept").click()

    expect(page.get_by_text("Inquiry accepted: Lausitz Hydrogen GmbH.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Lausitz Hydrogen GmbH")
