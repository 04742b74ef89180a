import secrets
from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from crm.extensions import db
from crm.models.base import LabelledEnum, TimestampMixin, enum_column
from crm.models.office import Office


class Role(LabelledEnum):
    """Roles in rising order of power; each role can do what the ones before it can."""

    VIEWER = "viewer", _l("Viewer")
    STAFF = "staff", _l("Staff")
    MANAGER = "manager", _l("Manager")
    ADMIN = "admin", _l("Admin")

    @property
    def rank(self) -> int:
        return list(Role).index(self)


class User(UserMixin, TimestampMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    password_hash: Mapped[str] = mapped_column(sa.String(256))
    role: Mapped[Role] = mapped_column(enum_column(Role), default=Role.STAFF)
    office_id: Mapped[int] = mapped_column(sa.ForeignKey("offices.id"), index=True)
    active: Mapped[bool] = mapped_column(default=True)
    language: Mapped[str | None] = mapped_column(sa.String(10))
    last_login_at: Mapped[datetime | None]
    reminders_enabled: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    # Secret part of the private calendar feed URL; replacing it revokes the old URL.
    calendar_token: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    # Part of the login session's id: replacing it ends every open session (logout, new password).
    session_token: Mapped[str | None] = mapped_column(sa.String(64))
    # Set by an admin: the next login leads straight to choosing a new password.
    must_change_password: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # Wrong passwords since the last successful login; admins are told when it reaches the limit.
    failed_logins: Mapped[int] = mapped_column(default=0, server_default="0")

    office: Mapped[Office] = relationship(lazy="joined")

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.active

    def get_id(self) -> str:
        """Flask-Login's id of the session: the user and their current session token."""
        return f"{self.id}:{self.session_token}"

    def renew_session_token(self) -> None:
        """End every session opened with the old token."""
        self.session_token = secrets.token_urlsafe(32)

    def set_password(self, password: str, method: str = "scrypt") -> None:
        self.password_hash = generate_password_hash(password, method=method)
        self.renew_session_token()

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    def has_role(self, role: Role) -> bool:
        return self.role.rank >= role.rank

    @property
    def is_manager(self) -> bool:
        return self.has_role(Role.MANAGER)
