import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from crm.extensions import db
from crm.models.base import LabelledEnum, TimestampMixin, enum_column
from crm.models.office import Office
from crm.models.user import User


class Visibility(LabelledEnum):
    PRIVATE = "private", _l("Only me")
    OFFICE = "office", _l("My office")
    EVERYONE = "everyone", _l("Everyone")


saved_view_pins = sa.Table(
    "saved_view_pins",
    db.metadata,
    sa.Column("user_id", sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("view_id", sa.ForeignKey("saved_views.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class SavedView(TimestampMixin, db.Model):
    """A list as someone filtered and sorted it, under a name: its query string, kept
    without the page, so that opening it shows the rows as they are then."""

    __tablename__ = "saved_views"
    __table_args__ = (sa.UniqueConstraint("owner_id", "list_name", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(100))
    list_name: Mapped[str] = mapped_column(sa.String(20))  # companies, people, interactions, followups
    query: Mapped[str] = mapped_column(sa.String(2000), default="")
    owner_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    office_id: Mapped[int | None] = mapped_column(sa.ForeignKey("offices.id"))
    visibility: Mapped[Visibility] = mapped_column(enum_column(Visibility), default=Visibility.PRIVATE)

    owner: Mapped[User] = relationship()
    office: Mapped[Office | None] = relationship()
    pinned_by: Mapped[list[User]] = relationship(secondary=saved_view_pins)
