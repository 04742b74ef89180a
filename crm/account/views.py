"""The user's own settings page: reminders, language, the private calendar feed and API tokens."""
import secrets

import sqlalchemy as sa
from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from crm.account.forms import ApiTokenForm, SettingsForm
from crm.extensions import db
from crm.models import ApiToken, TokenScope, utcnow
from crm.services import api_tokens

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
    return settings_page(form=form)


def settings_page(form: SettingsForm | None = None, token_form: ApiTokenForm | None = None,
                  new_secret: str | None = None):
    tokens = db.session.scalars(
        sa.select(ApiToken).where(ApiToken.user_id == current_user.id).order_by(ApiToken.created_at.desc())
    ).all()
    return render_template(
        "account/settings.html",
        form=form or SettingsForm(obj=current_user, language=current_user.language or ""),
        feed_url=feed_url(current_user.calendar_token),
        token_form=token_form or ApiTokenForm(formdata=None),
        tokens=tokens,
        new_secret=new_secret,
        now=utcnow(),
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


@bp.post("/tokens")
@login_required
def create_token():
    """Make a personal API token. Its secret is shown on this one answer and never again
    (only its hash is kept), so the page is rendered rather than redirected to."""
    form = ApiTokenForm()
    if not form.validate_on_submit():
        return settings_page(token_form=form), 400
    token, secret = api_tokens.issue(
        current_user, form.name.data.strip(), TokenScope(form.scope.data), utcnow(), form.valid_days.data or None
    )
    db.session.add(token)
    db.session.commit()
    flash(_("Token %(name)s created. Copy it now: it will not be shown again.", name=token.name), "success")
    return settings_page(new_secret=secret)


@bp.post("/tokens/<int:token_id>/revoke")
@login_required
def revoke_token(token_id: int):
    """Revoke one of one's own tokens: the API refuses it from now on."""
    token = db.first_or_404(sa.select(ApiToken).where(ApiToken.id == token_id, ApiToken.user_id == current_user.id))
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        db.session.commit()
    flash(_("Token %(name)s revoked.", name=token.name), "success")
    return redirect(url_for("account.settings"))
