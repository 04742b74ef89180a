"""`crm send-reminders` against a real SMTP server (aiosmtpd) on loopback."""
import socket
from datetime import date
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller

from crm.extensions import db
from crm.services.mail import Mailer, MailError, MailSettings, build_message
from tests.factories import CompanyFactory, FollowUpFactory, UserFactory

WEDNESDAY = "2026-11-25"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Mailbox:
    """An aiosmtpd handler that keeps what it receives and refuses the addresses in `refuse`."""

    def __init__(self):
        self.envelopes = []
        self.refuse = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    def messages_to(self, address):
        return [message_from_bytes(e.content, policy=policy.default) for e in self.envelopes if address in e.rcpt_tos]


@pytest.fixture
def smtp_server(app, monkeypatch):
    """A real SMTP server on 127.0.0.1 and a free port; the app's MAIL_* settings point at it."""
    mailbox = Mailbox()
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", port)
    monkeypatch.setitem(app.config, "MAIL_USE_TLS", False)
    monkeypatch.setitem(app.config, "MAIL_FROM", "Jadebridge <crm@jadebridge.test>")
    yield mailbox
    controller.stop()


def send(runner, *args):
    return runner.invoke(args=["send-reminders", "--today", WEDNESDAY, *args])


@pytest.fixture
def anna(office):
    user = UserFactory(office=office, name="Anna", email="anna@office.test")
    FollowUpFactory(assignee=user, company=CompanyFactory(name="Elbe Photonics"), next_step="Call back",
                    due_on=date(2026, 11, 20))
    FollowUpFactory(assignee=user, company=CompanyFactory(name="Jinan Laser"), next_step="Send the offer",
                    due_on=date(2026, 11, 27))
    FollowUpFactory(assignee=user, company=CompanyFactory(name="Next Week Firm"), due_on=date(2026, 12, 2))
    return user


@pytest.fixture
def ben(office):
    user = UserFactory(office=office, name="Ben", email="ben@office.test", language="de")
    FollowUpFactory(assignee=user, company=CompanyFactory(name="Saxon Optics"), next_step="Visit the plant",
                    due_on=date(2026, 11, 25))
    return user


def test_each_user_gets_one_message_with_their_follow_ups_in_text_and_html(runner, smtp_server, anna, ben):
    result = send(runner)

    assert result.exit_code == 0, result.output
    assert "Sent 2 reminder(s)." in result.output
    assert len(smtp_server.envelopes) == 2
    [message] = smtp_server.messages_to("anna@office.test")
    assert message["From"] == "Jadebridge <crm@jadebridge.test>"
    assert message["Subject"] == "Follow-ups: 1 overdue, 1 due this week"
    text, html = message.get_body(("plain",)).get_content(), message.get_body(("html",)).get_content()
    for body in (text, html):
        assert "Elbe Photonics" in body and "Call back" in body
        assert "Jinan Laser" in body and "Send the offer" in body
        assert "Next Week Firm" not in body and "Saxon Optics" not in body
    [message] = smtp_server.messages_to("ben@office.test")
    html = message.get_body(("html",)).get_content()
    assert "Saxon Optics" in html and "25.11.2026" in html and "Elbe Photonics" not in html


def test_users_with_reminders_off_inactive_users_and_users_with_nothing_due_get_none(runner, smtp_server, office,
                                                                                       anna):
    quiet = UserFactory(office=office, email="quiet@office.test", reminders_enabled=False)
    gone = UserFactory(office=office, email="gone@office.test", active=False)
    idle = UserFactory(office=office, email="idle@office.test")
    for user in (quiet, gone):
        FollowUpFactory(assignee=user, due_on=date(2026, 11, 20))
    FollowUpFactory(assignee=idle, due_on=date(2026, 12, 20))

    result = send(runner)

    assert result.exit_code == 0, result.output
    assert "Sent 1 reminder(s)." in result.output
    assert [e.rcpt_tos for e in smtp_server.envelopes] == [["anna@office.test"]]


def test_a_user_who_switches_reminders_off_gets_none_the_next_time(runner, smtp_server, anna):
    anna.reminders_enabled = False
    db.session.commit()

    result = send(runner)

    assert result.exit_code == 0 and "Sent 0 reminder(s)." in result.output
    assert smtp_server.envelopes == []


def test_a_dry_run_prints_what_would_be_sent_and_sends_nothing(runner, smtp_server, anna, ben):
    result = send(runner, "--dry-run")

    assert result.exit_code == 0, result.output
    assert "anna@office.test: 1 overdue, 1 due this week (today 2026-11-25)" in result.output
    assert "overdue: 2026-11-20 Elbe Photonics: Call back" in result.output
    assert "this week: 2026-11-27 Jinan Laser: Send the offer" in result.output
    assert "ben@office.test: 0 overdue, 1 due this week" in result.output
    assert "Dry run: 2 reminder(s) would be sent; nothing was sent." in result.output
    assert smtp_server.envelopes == []


def test_without_a_mail_server_the_command_says_so_and_exits_1(runner, app, monkeypatch, anna):
    monkeypatch.setitem(app.config, "MAIL_SERVER", None)

    result = send(runner)

    assert result.exit_code == 1
    assert "MAIL_SERVER is not configured" in result.output
    assert "Traceback" not in result.output


def test_a_dry_run_needs_no_mail_server(runner, app, monkeypatch, anna):
    monkeypatch.setitem(app.config, "MAIL_SERVER", None)

    result = send(runner, "--dry-run")

    assert result.exit_code == 0 and "1 reminder(s) would be sent" in result.output


def test_a_refused_message_is_reported_for_that_user_and_the_others_still_get_theirs(runner, smtp_server, anna, ben):
    smtp_server.refuse.add("anna@office.test")

    result = send(runner)

    assert result.exit_code == 1
    assert "Could not send to anna@office.test: anna@office.test: 550 5.1.1 No such mailbox" in result.output
    assert "Sent 1 reminder(s). 1 failed." in result.output
    assert [e.rcpt_tos for e in smtp_server.envelopes] == [["ben@office.test"]]
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_an_unreachable_server_is_reported_per_user_without_a_traceback(runner, app, monkeypatch, anna, ben):
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", free_port())  # nobody listens there

    result = send(runner)

    assert result.exit_code == 1
    assert "Could not send to anna@office.test:" in result.output
    assert "Could not send to ben@office.test:" in result.output
    assert "Sent 0 reminder(s). 2 failed." in result.output
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)


def test_without_today_each_user_gets_their_own_offices_date(runner, smtp_server, office):
    user = UserFactory(office=office, email="now@office.test")
    FollowUpFactory(assignee=user, due_on=date(2000, 1, 3))

    result = runner.invoke(args=["send-reminders"])

    assert result.exit_code == 0, result.output
    assert len(smtp_server.messages_to("now@office.test")) == 1


def test_a_bad_date_is_refused(runner, smtp_server):
    result = runner.invoke(args=["send-reminders", "--today", "25.11.2026"])

    assert result.exit_code == 2 and "Invalid value for '--today'" in result.output


# --- the mailer itself, on the same real server ---

def mail_settings(app):
    return MailSettings.from_config(app.config)


def test_one_connection_carries_several_messages(app, smtp_server):
    settings = mail_settings(app)
    with Mailer(settings) as mailer:
        mailer.send(build_message(settings, "a@office.test", "One", "first"))
        connection = mailer._smtp
        mailer.send(build_message(settings, "b@office.test", "Two", "second"))
        assert mailer._smtp is connection

    assert [e.rcpt_tos for e in smtp_server.envelopes] == [["a@office.test"], ["b@office.test"]]


def test_a_dropped_connection_is_opened_again_once(app, smtp_server):
    settings = mail_settings(app)
    with Mailer(settings) as mailer:
        mailer.send(build_message(settings, "a@office.test", "One", "first"))
        mailer._smtp.sock.close()  # as a server does after its per-connection limit
        mailer.send(build_message(settings, "b@office.test", "Two", "second"))

    assert [e.rcpt_tos for e in smtp_server.envelopes] == [["a@office.test"], ["b@office.test"]]


def test_an_unreachable_server_is_a_mail_error_with_the_reason(app, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", free_port())
    settings = mail_settings(app)

    with pytest.raises(MailError, match="refused"), Mailer(settings) as mailer:
        mailer.send(build_message(settings, "a@office.test", "One", "first"))
