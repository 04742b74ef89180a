"""The reminder e-mail's content: whose follow-ups, which ones, in whose clock and language."""
from datetime import date, datetime, timezone
from email import message_from_bytes, policy

import pytest
import sqlalchemy as sa

from crm.extensions import db
from crm.services.mail import MailNotConfigured, MailSettings, build_message
from crm.services.reminders import office_today, recipients, reminder_for, render_reminder
from tests.factories import CompanyFactory, FollowUpFactory, OfficeFactory, PersonFactory, UserFactory

WEDNESDAY = date(2026, 11, 25)


def follow_up(user, due_on, **kwargs):
    return FollowUpFactory(assignee=user, due_on=due_on, **kwargs)


# --- which follow-ups ---

def test_overdue_and_due_this_week_are_told_apart(staff):
    overdue = follow_up(staff, date(2026, 11, 2))
    today = follow_up(staff, WEDNESDAY)
    sunday = follow_up(staff, date(2026, 11, 29))

    reminder = reminder_for(staff, WEDNESDAY)

    assert reminder.overdue == [overdue]
    assert reminder.this_week == [today, sunday]
    assert not reminder.is_empty and reminder.week_ends == date(2026, 11, 29)


def test_next_week_done_and_other_peoples_follow_ups_are_left_out(staff, office):
    follow_up(staff, date(2026, 11, 30))
    follow_up(staff, date(2026, 11, 20), done_at=datetime(2026, 11, 21, 8), done_by=staff)
    follow_up(UserFactory(office=office), WEDNESDAY)

    assert reminder_for(staff, WEDNESDAY).is_empty


def test_on_a_sunday_this_week_is_just_today(staff):
    sunday = follow_up(staff, date(2026, 11, 29))
    follow_up(staff, date(2026, 11, 30))

    reminder = reminder_for(staff, date(2026, 11, 29))

    assert reminder.this_week == [sunday] and reminder.overdue == []


def test_follow_ups_come_earliest_first_with_company_and_person(staff):
    later = follow_up(staff, date(2026, 11, 27), company=CompanyFactory(name="B Firm"))
    sooner = follow_up(staff, WEDNESDAY, company=CompanyFactory(name="A Firm"), person=PersonFactory())

    reminder = reminder_for(staff, WEDNESDAY)

    assert reminder.this_week == [sooner, later]


def test_today_is_the_date_in_the_users_office():
    jinan = UserFactory(office=OfficeFactory(name="Jinan", timezone="Asia/Shanghai"))
    dresden = UserFactory(office=OfficeFactory(name="Dresden", timezone="Europe/Berlin"))
    late_evening_utc = datetime(2026, 11, 25, 22, 30, tzinfo=timezone.utc)

    assert office_today(jinan, late_evening_utc) == date(2026, 11, 26)
    assert office_today(dresden, late_evening_utc) == date(2026, 11, 25)


# --- who gets one ---

def test_only_active_users_with_reminders_on_are_recipients(office):
    wanted = UserFactory(office=office)
    UserFactory(office=office, reminders_enabled=False)
    UserFactory(office=office, active=False)

    assert db.session.scalars(recipients()).unique().all() == [wanted]


# --- the message ---

def test_the_text_and_html_list_each_follow_up(staff):
    staff.name = "Anna Schmidt"
    follow_up(staff, date(2026, 11, 2), company=CompanyFactory(name="Elbe Photonics"), next_step="Call back",
              person=PersonFactory(name="Katrin Weber"))
    follow_up(staff, date(2026, 11, 27), company=CompanyFactory(name="Jinan Laser"), next_step="Send the offer")

    email = render_reminder(reminder_for(staff, WEDNESDAY))

    assert email.to == staff.email
    assert email.subject == "Follow-ups: 1 overdue, 1 due this week"
    for body in (email.text, email.html):
        assert "Hello Anna Schmidt" in body
        assert "Overdue (1)" in body and "Due this week (1)" in body
        assert "Elbe Photonics" in body and "Call back" in body and "Katrin Weber" in body
        assert "Jinan Laser" in body and "Send the offer" in body
        assert "Nov 2, 2026" in body and "Nov 27, 2026" in body
    assert email.text.index("Elbe Photonics") < email.text.index("Jinan Laser")
    assert "<table>" in email.html and "<table>" not in email.text


def test_an_empty_section_is_left_out(staff):
    follow_up(staff, WEDNESDAY)

    email = render_reminder(reminder_for(staff, WEDNESDAY))

    assert "Overdue" not in email.text and "Overdue" not in email.html


def test_the_html_escapes_what_users_typed(staff):
    follow_up(staff, WEDNESDAY, next_step="<script>alert(1)</script>")

    email = render_reminder(reminder_for(staff, WEDNESDAY))

    assert "<script>" not in email.html and "&lt;script&gt;" in email.html
    assert "<script>alert(1)</script>" in email.text


@pytest.mark.parametrize("language, due, lang, subject", [
    ("de", "27.11.2026", "de", "Wiedervorlagen: 0 überfällig, 1 diese Woche fällig"),
    ("zh", "2026年11月27日", "zh", "跟进：0 项已逾期，1 项本周到期"),
    (None, "Nov 27, 2026", "en", "Follow-ups: 0 overdue, 1 due this week"),
])
def test_the_message_is_written_in_the_users_language(staff, language, due, lang, subject):
    staff.language = language
    follow_up(staff, date(2026, 11, 27))

    email = render_reminder(reminder_for(staff, WEDNESDAY))

    assert email.subject == subject
    assert due in email.text and due in email.html
    assert f'<html lang="{lang}">' in email.html


def test_links_appear_when_the_app_knows_its_address(app, staff, monkeypatch):
    follow_up(staff, WEDNESDAY)
    without = render_reminder(reminder_for(staff, WEDNESDAY))
    monkeypatch.setitem(app.config, "SERVER_NAME", "crm.example.org")
    monkeypatch.setitem(app.config, "PREFERRED_URL_SCHEME", "https")

    with app.app_context():
        email = render_reminder(reminder_for(db.session.merge(staff), WEDNESDAY))

    assert "http" not in without.text
    assert "https://crm.example.org/follow-ups/" in email.text and "https://crm.example.org/account/" in email.text
    assert 'href="https://crm.example.org/follow-ups/"' in email.html


# --- mail settings and messages ---

def test_mail_settings_come_from_the_config():
    settings = MailSettings.from_config({
        "MAIL_SERVER": "smtp.example.org", "MAIL_PORT": 587, "MAIL_USERNAME": "crm", "MAIL_PASSWORD": "secret",
        "MAIL_USE_TLS": True, "MAIL_FROM": "Jadebridge <crm@example.org>",
    })

    assert settings == MailSettings("smtp.example.org", 587, "crm", "secret", True, "Jadebridge <crm@example.org>")


@pytest.mark.parametrize("server", [None, "", "  "])
def test_without_a_mail_server_mail_is_not_configured(server):
    with pytest.raises(MailNotConfigured):
        MailSettings.from_config({"MAIL_SERVER": server})


def test_a_message_has_a_text_and_an_html_part():
    settings = MailSettings("localhost", sender="Jadebridge <crm@example.org>")

    message = build_message(settings, "anna@example.org", "Grüße", "Hallo Welt", "<p>Hallo Welt</p>")

    parsed = message_from_bytes(message.as_bytes(), policy=policy.default)
    assert parsed["From"] == "Jadebridge <crm@example.org>" and parsed["To"] == "anna@example.org"
    assert parsed["Subject"] == "Grüße" and parsed["Message-ID"].endswith("@example.org>")
    assert parsed.get_content_type() == "multipart/alternative"
    assert parsed.get_body(("plain",)).get_content().strip() == "Hallo Welt"
    assert parsed.get_body(("html",)).get_content().strip() == "<p>Hallo Welt</p>"


def test_nothing_here_sends_or_commits(staff):
    follow_up(staff, WEDNESDAY)
    staff.name = "Changed"

    render_reminder(reminder_for(staff, WEDNESDAY))
    db.session.rollback()

    assert db.session.scalar(sa.select(sa.func.count()).select_from(type(staff)).where(
        type(staff).name == "Changed")) == 0


def test_a_do_not_contact_person_is_flagged_in_the_text_and_html(staff):
    follow_up(staff, WEDNESDAY, person=PersonFactory(name="Quiet Person", do_not_contact=True))
    follow_up(staff, WEDNESDAY, person=PersonFactory(name="Open Person"))

    email = render_reminder(reminder_for(staff, WEDNESDAY))

    assert "(Quiet Person, DO NOT CONTACT)" in email.text and "(Open Person)" in email.text
    assert "Quiet Person <strong>(DO NOT CONTACT)</strong>" in email.html
    assert email.html.count("DO NOT CONTACT") == 1
