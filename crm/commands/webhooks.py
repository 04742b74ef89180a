"""`crm deliver-webhooks`: send the due webhook deliveries (run by cron or a systemd timer)."""
import time

import click
from flask import current_app
from flask.cli import with_appcontext

from crm.extensions import db
from crm.models.base import utcnow
from crm.services import webhooks

BATCH = 100


@click.command("deliver-webhooks")
@click.option("--once", is_flag=True, help="Send what is due now and stop, instead of checking every few seconds.")
@click.option("--interval", default=15, show_default=True, help="Seconds between checks when not --once.")
@with_appcontext
def deliver_webhooks(once: bool, interval: int):
    """Send the webhook deliveries that are due, one commit per delivery.

    A delivery that gets no 2xx answer is tried again after 1 min, 5 min, 30 min, 2 h and 12 h,
    then marked failed (an admin can retry it from the deliveries page)."""
    timeout = current_app.config["WEBHOOKS_TIMEOUT"]
    while True:
        delivered, waiting = send_due(timeout)
        if delivered or waiting:
            click.echo(f"{delivered} delivered, {waiting} not delivered (retried later or failed).")
        if once:
            return
        time.sleep(interval)


def send_due(timeout: float) -> tuple[int, int]:
    """(delivered, not delivered) among the deliveries due now."""
    delivered = waiting = 0
    while batch := db.session.scalars(webhooks.due(utcnow()).limit(BATCH)).all():
        for delivery in batch:
            if webhooks.deliver(delivery, utcnow(), timeout):
                delivered += 1
            else:
                waiting += 1
            db.session.commit()
    return delivered, waiting
