"""Failed logins are throttled per account and per address, and admins hear about repeated failures."""
import subprocess
import sys
from pathlib import Path

import pytest

from crm.extensions import db
from crm.models import User
from tests.factories import PASSWORD, UserFactory
from tests.test_cli_reminders import smtp_server  # noqa: F401  (a fixture)

THROTTLED = b"Too many failed logins. Please wait a few minutes and try again."


@pytest.fixture
def limits(app, monkeypatch):
    monkeypatch.setitem(app.config, "LOGIN_LIMIT_PER_ACCOUNT", "3 per 15 minutes")
    monkeypatch.setitem(app.config, "LOGIN_LIMIT_PER_IP", "6 per 15 minutes")
    monkeypatch.setitem(app.config, "LOGIN_FAILURES_NOTICE", 3)


def fail(client, email, address="10.0.0.1"):
    return client.post("/login", data={"email": email, "password": "wrong password"},
                       environ_base={"REMOTE_ADDR": address})


def test_an_account_is_throttled_after_its_failed_logins(client, limits, staff):
    for _ in range(3):
        assert fail(client, staff.email).status_code == 200
    response = client.post("/login", data={"email": staff.email, "password": PASSWORD})
    assert response.status_code == 429
    assert THROTTLED in response.data


@pytest.mark.parametrize("known", [True, False])
def test_the_throttle_message_is_the_same_for_unknown_accounts(client, limits, staff, known):
    email = staff.email if known else "nobody@office.jadebridge.org"
    for _ in range(3):
        fail(client, email)
    response = fail(client, email)
    assert response.status_code == 429
    assert THROTTLED in response.data and staff.email.encode() not in response.data


def test_the_account_throttle_holds_from_another_address(client, limits, staff):
    for _ in range(3):
        fail(client, staff.email, address="10.0.0.1")
    assert fail(client, staff.email, address="10.0.0.2").status_code == 429


def test_an_address_is_throttled_across_accounts(client, limits):
    for n in range(6):
        assert fail(client, f"guess{n}@office.jadebridge.org").status_code == 200
    assert fail(client, "another@office.jadebridge.org").status_code == 429


def test_successful_logins_do_not_count(client, limits, staff, auth):
    for _ in range(4):
        assert auth.login(staff).status_code == 302
        auth.logout()
    assert auth.login(staff).status_code == 302


def test_a_successful_login_resets_the_failure_run(client, limits, staff, auth):
    fail(client, staff.email)
    auth.login(staff)
    assert db.session.get(User, staff.id).failed_logins == 0


def test_admins_are_emailed_when_an_account_reaches_the_failure_limit(client, limits, smtp_server, office,  # noqa: F811
                                                                        staff, admin):
    UserFactory(office=office, role=admin.role, active=False)
    for _ in range(3):
        fail(client, staff.email)
    assert [e.rcpt_tos for e in smtp_server.envelopes] == [[admin.email]]
    [message] = smtp_server.messages_to(admin.email)
    assert staff.email in message["Subject"]


def test_the_notice_goes_out_once_per_run_of_failures(client, limits, smtp_server, staff, admin,  # noqa: F811
                                                       monkeypatch, app):
    monkeypatch.setitem(app.config, "LOGIN_LIMIT_PER_ACCOUNT", "10 per 15 minutes")
    for _ in range(5):
        fail(client, staff.email)
    assert len(smtp_server.envelopes) == 1


def test_the_admin_user_list_flags_an_account_with_repeated_failures(client, limits, auth, staff, admin):
    for _ in range(3):
        fail(client, staff.email)
    auth.login(admin)
    assert b"3 failed logins in a row" in client.get("/admin/users").data


REDIS_CHECK = """
from crm import create_app
from crm.extensions import db, limiter

app = create_app("config.TestConfig", {"SQLALCHEMY_DATABASE_URI": "sqlite://",
                                       "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/15",
                                       "LOGIN_LIMIT_PER_ACCOUNT": "2 per 15 minutes"})
with app.app_context():
    db.create_all()
    limiter.reset()
    client = app.test_client()
    form = {"email": "someone@office.jadebridge.org", "password": "wrong password"}
    print(type(limiter.storage).__name__, [client.post("/login", data=form).status_code for _ in range(3)])
    limiter.reset()
"""


def test_the_redis_store_counts_failed_logins():
    """In a process of its own: the limiter is one object per process, bound to one store."""
    redis = pytest.importorskip("redis")
    try:
        redis.Redis(host="127.0.0.1", port=6379, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    result = subprocess.run([sys.executable, "-c", REDIS_CHECK], capture_output=True, text=True, check=True,
                            cwd=Path(__file__).resolve().parents[2])
    assert result.stdout.strip() == "RedisStorage [200, 200, 429]"


def test_behind_a_trusted_proxy_each_client_address_is_counted_apart(tmp_path):
    result = subprocess.run([sys.executable, "-c", PROXY_CHECK], capture_output=True, text=True, check=True,
                            cwd=Path(__file__).resolve().parents[2])
    assert result.stdout.strip() == "[200, 200, 429, 200]"


PROXY_CHECK = """
from crm import create_app
from crm.extensions import db

app = create_app("config.TestConfig", {"SQLALCHEMY_DATABASE_URI": "sqlite://", "TRUSTED_PROXIES": 1,
                                       "LOGIN_LIMIT_PER_IP": "2 per 15 minutes"})
with app.app_context():
    db.create_all()
    client = app.test_client()

    def fail(n, address):
        form = {"email": f"guess{n}@office.jadebridge.org", "password": "wrong password"}
        return client.post("/login", data=form, headers={"X-Forwarded-For": address}).status_code

    print([fail(1, "10.0.0.1"), fail(2, "10.0.0.1"), fail(3, "10.0.0.1"), fail(4, "10.0.0.2")])
"""
