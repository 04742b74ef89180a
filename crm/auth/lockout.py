"""Telling the admins when an account keeps failing to log in."""
import logging

import sqlalchemy as sa
from flask import current_app, url_for
from flask_babel import gettext as _

from crm.extensions import db
from crm.models import Role, User
from crm.services.mail import Mailer, MailError, MailNotConfigured, MailSettings, build_message

log = logging.getLogger(__name__)


def record_failed_login(user: User) -> None:
    """Count a wrong password; at the limit the admins get one notice for this run of failures."""
    user.failed_logins += 1
    if user.failed_logins == current_app.config["LOGIN_FAILURES_NOTICE"]:
        notify_admins(user)


def notify_admins(user: User) -> None:
    """E-mail every active admin (when e-mail is set up); the admin user list shows it either way."""
    log.warning("login failures reached the notice limit", extra={"user_id": user.id})
    try:
        settings = MailSettings.from_config(current_app.config)
    except MailNotConfigured:
        return
    admins = db.session.scalars(sa.select(User).where(User.role == Role.ADMIN, User.active.is_(True))).all()
    subject = _("Jadebridge: repeated failed logins for %(email)s", email=user.email)
    text = _(
        "There were %(count)d failed logins in a row for the account %(email)s. Further attempts are slowed "
        "down. If this was not the user, consider deactivating the account or forcing a new password: %(url)s",
        count=user.failed_logins, email=user.email, url=url_for("admin.edit_user", user_id=user.id, _external=True),
    )
    with Mailer(settings) as mailer:
        for admin in admins:
            try:
                mailer.send(build_message(settings, admin.email, subject, text))
            except MailError as error:
                log.error("lockout notice not sent", extra={"user_id": admin.id, "error": str(error)})
