"""Rules for every logged-in request: the idle timeout and a password change an admin asked for."""
import time

from flask import Flask, current_app, flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, logout_user

STATIC_ENDPOINTS = {"static", "bootstrap.static"}
# Pages a user who must choose a new password can still open.
OPEN_WHILE_CHANGING_PASSWORD = {"auth.change_password", "auth.logout"} | STATIC_ENDPOINTS
# The last-seen time is rewritten at most this often (seconds), so not every response sets a cookie.
SEEN_PRECISION = 30


def init_app(app: Flask) -> None:
    app.before_request(end_idle_session)
    app.before_request(require_new_password)


def end_idle_session():
    """Log out a session unused for longer than SESSION_IDLE_MINUTES (static files neither count nor end it)."""
    if request.endpoint in STATIC_ENDPOINTS or not current_user.is_authenticated:
        return None
    now = time.time()
    seen = session.get("seen", now)
    if now - seen > current_app.config["SESSION_IDLE_MINUTES"] * 60:
        logout_user()
        session.pop("seen", None)
        flash(_("You were logged out after a time without activity. Please log in again."), "info")
        return redirect(url_for("auth.login", next=request.path if request.method == "GET" else None))
    if now - seen >= SEEN_PRECISION or "seen" not in session:
        session["seen"] = now
    return None


def require_new_password():
    """An admin forced a password reset: nothing else opens until the user chose a new one."""
    if request.endpoint not in OPEN_WHILE_CHANGING_PASSWORD and current_user.is_authenticated \
            and current_user.must_change_password:
        flash(_("Please choose a new password before you go on."), "warning")
        return redirect(url_for("auth.change_password"))
    return None
