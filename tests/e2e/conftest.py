"""End-to-end journeys: Debian's Chromium driven by Playwright against the app
served by a real HTTP server on loopback, with a database of its own.

Skipped, with the reason in the summary, when Chromium is not installed
(`apt-get install -y chromium`); Playwright never downloads a browser here."""
import os
import shutil
import threading
from pathlib import Path

import pytest
from playwright.sync_api import expect
from werkzeug.serving import make_server

from crm import create_app
from crm.extensions import db
from tests import factories

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# `make screenshots` points this at docs/screenshots, which the README shows.
SCREENSHOTS = Path(os.environ.get("SCREENSHOT_DIR", Path(__file__).resolve().parents[2] / "build" / "screenshots"))


def pytest_collection_modifyitems(items):
    if Path(CHROMIUM).exists() or shutil.which("chromium"):
        return
    skip = pytest.mark.skip(reason=f"browser journeys skipped: Chromium not found at {CHROMIUM}")
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def live_app(tmp_path_factory):
    """The app the server runs: on TEST_DATABASE_URL when set (PostgreSQL), else on a SQLite file of its own."""
    overrides = {}
    if not os.environ.get("TEST_DATABASE_URL"):  # config.TestConfig reads it
        overrides["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{tmp_path_factory.mktemp('e2e') / 'e2e.sqlite'}"
    app = create_app("config.TestConfig", overrides)
    with app.app_context():
        db.create_all()
    return app


@pytest.fixture(scope="session")
def live_server(live_app):
    """The app on a free loopback port, in a thread, for the whole session."""
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server, locale="en-GB", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def live_data(live_app):
    """Run a block against the live server's database: `with live_data(): ...`."""

    class Block:
        def __enter__(self):
            self.context = live_app.app_context()
            self.context.push()
            return db

        def __exit__(self, *exc):
            db.session.commit()
            self.context.pop()

    yield Block
    with live_app.app_context():
        from tests.conftest import empty_database

        empty_database()


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def log_in(page, email: str) -> None:
    """Log in through the real form and wait for the dashboard."""
    page.goto("/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")


# Accessibility basics, checked in the rendered page: exactly one <h1>, and every field
# a person fills in has a label (a <label for>, a wrapping <label>, or aria-label/-labelledby).
ACCESSIBILITY_PROBLEMS = """() => {
  const problems = [];
  const headings = document.querySelectorAll("h1").length;
  if (headings !== 1) problems.push(`${headings} h1 elements`);
  for (const field of document.querySelectorAll("input, select, textarea")) {
    if (["hidden", "submit", "button", "reset", "image"].includes(field.type)) continue;
    if (field.labels.length === 0 && !field.getAttribute("aria-label") && !field.getAttribute("aria-labelledby")) {
      problems.push(`unlabelled field ${field.name || field.id}`);
    }
  }
  return problems;
}"""


def check_accessibility(page) -> None:
    page.wait_for_load_state()  # a click may have started a navigation
    problems = page.evaluate(ACCESSIBILITY_PROBLEMS)
    assert not problems, f"{page.url}: {problems}"
