"""Personal API tokens: making a secret and finding the token it belongs to.

The secret is 32 random bytes, so a plain SHA-256 is a safe way to store it
(no salt or slow hash needed: it cannot be guessed from a list)."""
import hashlib
import secrets
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from crm.models import ApiToken, TokenScope, User

PREFIX = "jb_"


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def issue(user: User, name: str, scope: TokenScope, now: datetime, valid_days: int | None) -> tuple[ApiToken, str]:
    """A new token for `user` (not yet added to a session) and its secret, to show once."""
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user, name=name, scope=scope, token_hash=hash_secret(secret), prefix=secret[:10], created_at=now,
        expires_at=now + timedelta(days=valid_days) if valid_days else None,
    )
    return token, secret


def find_usable(session: Session, secret: str, now: datetime) -> ApiToken | None:
    """The unexpired, unrevoked token with this secret, or None; also None while its user is
    deactivated or must choose a new password (an admin suspects the account is known to others)."""
    token = session.scalar(sa.select(ApiToken).where(ApiToken.token_hash == hash_secret(secret)))
    if token is None or not token.is_usable(now):
        return None
    if not token.user.is_active or token.user.must_change_password:
        return None
    return token
