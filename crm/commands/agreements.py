"""`crm renewal-follow-ups`: plan the follow-up ahead of every agreement's renewal date."""
from datetime import date, datetime
from zoneinfo import ZoneInfo

import click
import sqlalchemy as sa
from flask.cli import with_appcontext

from crm.extensions import db
from crm.models import Role, User
from crm.services.agreements import RENEWAL_LEAD_DAYS, ensure_renewal_follow_up, renewals_to_plan


def office_today(agreement) -> date:
    return datetime.now(ZoneInfo(agreement.office.timezone if agreement.office else "UTC")).date()


@click.command("renewal-follow-ups")
@click.option("--lead-days", default=RENEWAL_LEAD_DAYS, show_default=True, type=click.IntRange(min=0),
              help="How many days before the renewal date the follow-up is due.")
@click.option("--dry-run", is_flag=True, help="Only say which agreements would get one.")
@with_appcontext
def renewal_follow_ups(lead_days: int, dry_run: bool):
    """Sweep signed and active agreements with a renewal date and no follow-up yet (run daily)."""
    fallback = db.session.scalars(
        sa.select(User).where(User.role == Role.ADMIN, User.active.is_(True)).order_by(User.id).limit(1)
    ).first()
    planned = skipped = 0
    for agreement in db.session.scalars(renewals_to_plan()).all():
        if dry_run:
            click.echo(f"would plan: {agreement.title} (renewal on {agreement.renewal_on.isoformat()})")
            planned += 1
            continue
        follow_up = ensure_renewal_follow_up(agreement, today=office_today(agreement), lead_days=lead_days,
                                             assignee=fallback)
        if follow_up is None:
            skipped += 1
            click.echo(f"skipped (no manager in its office, no admin): {agreement.title}", err=True)
        else:
            planned += 1
    if not dry_run:
        db.session.commit()
    click.echo(f"{planned} renewal follow-up(s) {'to plan' if dry_run else 'planned'}, {skipped} skipped.")
