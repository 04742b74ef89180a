from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from crm.extensions import db
from crm.models.base import LabelledEnum, enum_column, utcnow
from crm.models.user import User


class TokenScope(LabelledEnum):
    READ = "read", _l("Read only")
    WRITE = "write", _l("Read and write")


class ApiToken(db.Model):
    """A personal API token: the API acts as its user, within its scope.

    Only a SHA-256 hash of the secret is kept; the secret is shown once, when made."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(sa.String(100))
    scope: Mapped[TokenScope] = mapped_column(enum_column(TokenScope), default=TokenScope.READ)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    # The first characters of the secret, so the owner can tell tokens apart.
    prefix: Mapped[str] = mapped_column(sa.String(12))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime | None]
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]

    user: Mapped[User] = relationship(lazy="joined")

    def is_usable(self, now: datetime) -> bool:
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)

    @property
    def can_write(self) -> bool:
        return self.scope is TokenScope.WRITE
