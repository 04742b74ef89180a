"""Logging in and out, and changing one's password."""
import time

import sqlalchemy as sa
from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required, login_user, logout_user

from crm.auth.forms import ChangePasswordForm, LoginForm
from crm.auth.lockout import record_failed_login
from crm.auth.redirects import local_or
from crm.extensions import db, limiter, login_manager
from crm.models import User, utcnow

bp = Blueprint("auth", __name__)

login_manager.login_view = "auth.login"
login_manager.login_message = _l("Please log in to see this page.")
login_manager.login_message_category = "info"


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    """The user of a session id "<user id>:<session token>" (User.get_id). A deactivated user's
    sessions, and sessions from before a logout or password change, end with their next request."""
    user_id, _sep, token = session_id.partition(":")
    user = db.session.get(User, int(user_id)) if user_id.isdigit() else None
    if user is None or not user.is_active or user.session_token is None or token != user.session_token:
        return None
    return user


def safe_next(target: str | None) -> str:
    """Only same-site paths: an attacker's link must not send users elsewhere."""
    return local_or(target, url_for("dashboard.index"))


def hash_method() -> str:
    return current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")


def typed_account() -> str:
    """The throttle's key for one account: the e-mail as typed, so unknown addresses count alike."""
    return "login:" + (request.form.get("email") or "").strip().lower()


def login_failed(response) -> bool:
    """Only failed attempts count: a login that works answers with a redirect."""
    return request.method == "POST" and response.status_code != 302


def throttled_message() -> str:
    # Says nothing about whether the account exists.
    return _("Too many failed logins. Please wait a few minutes and try again.")


def login_limit(config_key: str, **options):
    return limiter.limit(lambda: current_app.config[config_key], methods=["POST"], deduct_when=login_failed,
                         error_message=throttled_message, **options)


def start_session(user: User, remember: bool) -> None:
    if user.session_token is None:
        user.renew_session_token()
    login_user(user, remember=remember)
    session["seen"] = time.time()


@bp.route("/login", methods=["GET", "POST"])
@login_limit("LOGIN_LIMIT_PER_IP")
@login_limit("LOGIN_LIMIT_PER_ACCOUNT", key_func=typed_account)
def login():
    """Log in by e-mail and password; failed attempts are throttled per address and per account."""
    if current_user.is_authenticated:
        return redirect(safe_next(request.args.get("next")))
    form = LoginForm()
    if form.validate_on_submit():
        user = db.session.scalar(sa.select(User).where(sa.func.lower(User.email) == form.email.data.strip().lower()))
        if user is None or not user.check_password(form.password.data) or not user.is_active:
            if user is not None:
                record_failed_login(user)
                db.session.commit()
            # Same answer whether or not the account exists.
            flash(_("E-mail or password is wrong."), "danger")
        else:
            start_session(user, remember=form.remember.data)
            user.last_login_at = utcnow()
            user.failed_logins = 0
            db.session.commit()
            return redirect(safe_next(request.args.get("next")))
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
@login_required
def logout():
    """Log out (a POST, so no link or image can log anyone out); every session of the user ends."""
    current_user.renew_session_token()
    db.session.commit()
    logout_user()
    flash(_("You are logged out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    """Change one's own password, confirming the current one."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        if not current_user.check_password(form.current_password.data):
            form.current_password.errors.append(_("This is not your current password."))
        else:
            user = current_user._get_current_object()
            user.set_password(form.new_password.data, method=hash_method())  # ends the other sessions
            user.must_change_password = False
            db.session.commit()
            start_session(user, remember=False)
            flash(_("Your password was changed."), "success")
            return redirect(url_for("dashboard.index"))
    return render_template("auth/change_password.html", form=form)
