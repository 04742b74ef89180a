"""`crm send-reminders`: one e-mail per user with their overdue and due-this-week follow-ups (run by cron)."""
import sys
from datetime import date

import click
from flask import current_app
from flask.cli import with_appcontext

from crm.extensions import db
from crm.services import reminders
from crm.services.mail import Mailer, MailError, MailNotConfigured, MailSettings, build_message

EXIT_OK, EXIT_FAILED = 0, 1


@click.command("send-reminders")
@click.option("--dry-run", is_flag=True, help="Print what would be sent; send nothing.")
@click.option(
    "--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
    help="Take this date (YYYY-MM-DD) as today in every office, e.g. to redo a missed run.",
)
@with_appcontext
def send_reminders(dry_run: bool, today):
    """E-mail every active user with reminders on their overdue and due-this-week follow-ups.

    Users with nothing due get no e-mail. Needs MAIL_SERVER (and MAIL_PORT, MAIL_USERNAME,
    MAIL_PASSWORD, MAIL_USE_TLS, MAIL_FROM as needed). Exit status: 0 all sent,
    1 not configured or some messages failed (each failure is printed)."""
    settings = None
    try:
        settings = MailSettings.from_config(current_app.config)
    except MailNotConfigured:
        if not dry_run:
            click.echo("Error: MAIL_SERVER is not configured, so no reminders can be sent. Set MAIL_SERVER "
                       "(and MAIL_PORT, MAIL_USERNAME, MAIL_PASSWORD, MAIL_USE_TLS, MAIL_FROM) in the "
                       "environment.", err=True)
            sys.exit(EXIT_FAILED)
    fixed_day: date | None = today.date() if today else None

    due = []
    for user in db.session.scalars(reminders.recipients()).unique():
        reminder = reminders.reminder_for(user, fixed_day or reminders.office_today(user))
        if not reminder.is_empty:
            due.append(reminder)

    if dry_run:
        for reminder in due:
            print_reminder(reminder)
        click.echo(f"Dry run: {len(due)} reminder(s) would be sent; nothing was sent.")
        sys.exit(EXIT_OK)

    sent, failed = 0, 0
    with Mailer(settings) as mailer:
        for reminder in due:
            email = reminders.render_reminder(reminder)
            try:
                mailer.send(build_message(settings, email.to, email.subject, email.text, email.html))
            except MailError as error:
                failed += 1
                click.echo(f"Could not send to {email.to}: {error}", err=True)
            else:
                sent += 1
    click.echo(f"Sent {sent} reminder(s)." + (f" {failed} failed." if failed else ""))
    sys.exit(EXIT_FAILED if failed else EXIT_OK)


def print_reminder(reminder: reminders.Reminder) -> None:
    click.echo(
        f"{reminder.user.email}: {len(reminder.overdue)} overdue, {len(reminder.this_week)} due this week "
        f"(today {reminder.today.isoformat()})"
    )
    for label, follow_ups in (("overdue", reminder.overdue), ("this week", reminder.this_week)):
        for follow_up in follow_ups:
            click.echo(f"  {label}: {follow_up.due_on.isoformat()} {follow_up.company.name}: {follow_up.next_step}")
