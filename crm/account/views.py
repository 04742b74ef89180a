"""The user's own settings page: reminders, language and the private calendar feed."""
import secrets

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from crm.account.forms import SettingsForm
from crm.extensions import db

bp = Blueprint("account", __name__, url_prefix="/account")


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


def feed_url(token: str | None) -> str | None:
    return url_for("feeds.calendar", token=token, _external=True) if token else None


@bp.route("/", methods=["GET", "POST"])
@login_required
def settings():
    """Show and change one's own reminder and language settings."""
    form = SettingsForm(obj=current_user, language=current_user.language or "")
    if form.validate_on_submit():
        current_user.reminders_enabled = form.reminders_enabled.data
        current_user.language = form.language.data or None
        db.session.commit()
        flash(_("Your settings were saved."), "success")
        return redirect(url_for("account.settings"))
    return render_template(
        "account/settings.html", form=form, feed_url=feed_url(current_user.calendar_token)
    )


@bp.post("/calendar")
@login_required
def create_feed():
    """Create the private calendar URL, or replace it: the old URL stops working at once."""
    replacing = current_user.calendar_token is not None
    current_user.calendar_token = new_calendar_token()
    db.session.commit()
    if replacing:
        flash(_("Your calendar has a new address; the old one no longer works."), "success")
    else:
        flash(_("Your calendar address is ready; add it to your calendar application."), "success")
    return redirect(url_for("account.settings"))


@bp.post("/calendar/revoke")
@login_required
def revoke_feed():
    """Revoke the private calendar URL: it stops working and no new one is made."""
    current_user.calendar_token = None
    db.session.commit()
    flash(_("Your calendar address was revoked."), "success")
    return redirect(url_for("account.settings"))
