"""Who is calling the API: only a personal token in `Authorization: Bearer ...`.

Under /api/ the session cookie (and the remember-me cookie) count for nothing: the
session is empty and never saved, and the user is set from the token before any
other hook of the app asks who is logged in. Pages, in turn, never read a token."""
from flask import Flask, current_app, g, request
from flask.sessions import SecureCookieSessionInterface
from flask_babel import gettext as _

from crm.api.errors import ApiError, is_api_request
from crm.extensions import db, login_manager
from crm.models import ApiToken, utcnow
from crm.services import api_tokens

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
# last_used_at is written at most this often (seconds), so reads do not all write.
LAST_USED_PRECISION = 60


class ApiSessionInterface(SecureCookieSessionInterface):
    """Cookie sessions for the pages; an empty, unsaved session for the API."""

    def open_session(self, app, request):
        if request.path.startswith("/api/"):
            return self.session_class()
        return super().open_session(app, request)

    def save_session(self, app, session, response):
        if is_api_request():
            return
        super().save_session(app, session, response)


def bearer_secret() -> str | None:
    scheme, _sep, secret = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer":
        return None
    return secret.strip() or None


def identify() -> None:
    """First hook of every API request: the token's user becomes `current_user` (or nobody)."""
    if not is_api_request():
        return
    secret = bearer_secret()
    now = utcnow()
    token = api_tokens.find_usable(db.session, secret, now) if secret else None
    g.api_token = token
    g._login_user = token.user if token else login_manager.anonymous_user()
    if token and (token.last_used_at is None or (now - token.last_used_at).total_seconds() > LAST_USED_PRECISION):
        token.last_used_at = now
        db.session.commit()


def require_token() -> None:
    """Before every API view: a usable token, and the write scope for any change."""
    token: ApiToken | None = g.get("api_token")
    if token is None:
        raise ApiError(401, _("A valid API token is required: send it as 'Authorization: Bearer <token>'."))
    if request.method not in SAFE_METHODS and not token.can_write:
        raise ApiError(403, _("This token is read-only."), code="read_only_token")


def rate_limit_key() -> str:
    token = g.get("api_token")
    return f"api-token:{token.id}" if token else f"api-address:{request.remote_addr}"


def rate_limit() -> str:
    return current_app.config["API_RATE_LIMIT"]


def init_app(app: Flask) -> None:
    app.session_interface = ApiSessionInterface()
    # Before every other hook (idle timeouts, forced password changes, rate limits),
    # so that none of them sees a user from a cookie.
    app.before_request_funcs.setdefault(None, []).insert(0, identify)
