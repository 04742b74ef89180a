"""Fixtures: a real database (SQLite by default, PostgreSQL with TEST_DATABASE_URL),
emptied between tests, and a client that logs in through the real form."""
import os
from contextlib import contextmanager

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient

from crm import create_app
from crm.extensions import db, limiter
from crm.models import Role
from tests import factories

PASSWORD = factories.PASSWORD


class Client(FlaskClient):
    """Runs each request in its own app context, as a server would, so `g`
    (and the logged-in user cached there) never leaks between requests, then
    lets the test's session see what the request committed."""

    def open(self, *args, **kwargs):
        db.session.commit()
        with self.application.app_context():
            response = super().open(*args, **kwargs)
        db.session.expire_all()
        return response


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    overrides = {}
    if not os.environ.get("TEST_DATABASE_URL"):
        overrides["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{tmp_path_factory.mktemp('db')}/test.sqlite"
    app = create_app("config.TestConfig", overrides)
    app.test_client_class = Client
    with app.app_context():
        db.drop_all()
        db.create_all()
    return app


@pytest.fixture(autouse=True)
def _app_context(app):
    """Every test runs inside an app context on an empty database."""
    with app.app_context():
        yield
        db.session.rollback()
        empty_database()
        db.session.remove()


def empty_database() -> None:
    """DELETE rather than TRUNCATE: on the few rows a test leaves it is much faster."""
    for table in reversed(db.metadata.sorted_tables):
        db.session.execute(table.delete())
    db.session.commit()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


class Auth:
    def __init__(self, client):
        self.client = client

    def login(self, user, password=PASSWORD):
        return self.client.post("/login", data={"email": user.email, "password": password})

    def logout(self):
        return self.client.post("/logout")


@pytest.fixture
def auth(client):
    return Auth(client)


@pytest.fixture
def office():
    return factories.OfficeFactory(name="Dresden", timezone="Europe/Berlin")


@pytest.fixture
def staff(office):
    return factories.UserFactory(office=office, role=Role.STAFF)


@pytest.fixture
def manager(office):
    return factories.UserFactory(office=office, role=Role.MANAGER)


@pytest.fixture
def admin(office):
    return factories.UserFactory(office=office, role=Role.ADMIN)


@pytest.fixture
def viewer(office):
    return factories.UserFactory(office=office, role=Role.VIEWER)


@pytest.fixture
def logged_in(client, auth, staff):
    """A client logged in as a staff member of the Dresden office."""
    auth.login(staff)
    return client


@pytest.fixture
def count_queries():
    """`with count_queries() as statements:` collects the SQL run inside the block."""

    @contextmanager
    def counter():
        statements = []

        def record(_conn, _cursor, statement, *_args):
            statements.append(statement)

        sa.event.listen(db.engine, "before_cursor_execute", record)
        try:
            yield statements
        finally:
            sa.event.remove(db.engine, "before_cursor_execute", record)

    return counter


@pytest.fixture(autouse=True)
def _fresh_login_limits():
    """Each test starts with no failed logins counted."""
    limiter.reset()
