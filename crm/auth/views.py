"""Logging in and out, and changing one's password."""
import sqlalchemy as sa
from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required, login_user, logout_user

from crm.auth.forms import ChangePasswordForm, LoginForm
from crm.auth.redirects import local_or
from crm.extensions import db, login_manager
from crm.i18n import LANGUAGE_COOKIE, LANGUAGE_COOKIE_AGE, supported
from crm.models import User, utcnow

bp = Blueprint("auth", __name__)

login_manager.login_view = "auth.login"
login_manager.login_message = _l("Please log in to see this page.")
login_manager.login_message_category = "info"


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    """A deactivated user's open sessions end with their next request."""
    user = db.session.get(User, int(user_id))
    return user if user is not None and user.is_active else None


def safe_next(target: str | None) -> str:
    """Only same-site paths: an attacker's link must not send users elsewhere."""
    return local_or(target, url_for("dashboard.index"))


def hash_method() -> str:
    return current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Log in by e-mail and password."""
    if current_user.is_authenticated:
        return redirect(safe_next(request.args.get("next")))
    form = LoginForm()
    if form.validate_on_submit():
        user = db.session.scalar(sa.select(User).where(sa.func.lower(User.email) == form.email.data.strip().lower()))
        if user is None or not user.check_password(form.password.data) or not user.is_active:
            # Same answer whether or not the account exists.
            flash(_("E-mail or password is wrong."), "danger")
        else:
            login_user(user, remember=form.remember.data)
            user.last_login_at = utcnow()
            db.session.commit()
            return redirect(safe_next(request.args.get("next")))
    return render_template("auth/login.html", form=form)


@bp.post("/language")
def set_language():
    """Remember the language picked on the login page in a cookie, for anonymous visitors
    and for users who leave the choice to the browser; back to the page it was picked on."""
    response = redirect(local_or(request.form.get("next"), url_for("auth.login")))
    language = supported(request.form.get("language"))
    if language:
        response.set_cookie(LANGUAGE_COOKIE, language, max_age=LANGUAGE_COOKIE_AGE, httponly=True, samesite="Lax")
    return response


@bp.post("/logout")
@login_required
def logout():
    """Log out (a POST, so no link or image can log anyone out)."""
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
            current_user.set_password(form.new_password.data, method=hash_method())
            db.session.commit()
            flash(_("Your password was changed."), "success")
            return redirect(url_for("dashboard.index"))
    return render_template("auth/change_password.html", form=form)
