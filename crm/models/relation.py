import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from crm.extensions import db
from crm.models.agreement import Agreement
from crm.models.base import LabelledEnum, TimestampMixin, enum_column
from crm.models.company import Company


class RelationKind(LabelledEnum):
    """How `company` stands to `related`; `inverse` names the link seen from `related`."""

    SUBSIDIARY_OF = "subsidiary_of", _l("Subsidiary of")
    MEMBER_OF = "member_of", _l("Member of")
    PARTNER_OF = "partner_of", _l("Partner of")

    @property
    def inverse(self):
        return INVERSE_LABELS[self]


INVERSE_LABELS = {
    RelationKind.SUBSIDIARY_OF: _l("Parent of"),
    RelationKind.MEMBER_OF: _l("Has as member"),
    RelationKind.PARTNER_OF: _l("Partner of"),
}


class CompanyRelation(TimestampMixin, db.Model):
    """A link between two organisations: parent and subsidiary, an association and its
    member, or partners (with the agreement that made them partners)."""

    __tablename__ = "company_relations"
    __table_args__ = (
        sa.UniqueConstraint("company_id", "related_id", "kind"),
        sa.CheckConstraint("company_id <> related_id", name="not_self"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(sa.ForeignKey("companies.id", ondelete="CASCADE"))
    related_id: Mapped[int] = mapped_column(sa.ForeignKey("companies.id", ondelete="CASCADE"), index=True)
    kind: Mapped[RelationKind] = mapped_column(enum_column(RelationKind))
    agreement_id: Mapped[int | None] = mapped_column(sa.ForeignKey("agreements.id", ondelete="SET NULL"))
    note: Mapped[str | None] = mapped_column(sa.String(300))

    company: Mapped[Company] = relationship(foreign_keys=[company_id])
    related: Mapped[Company] = relationship(foreign_keys=[related_id])
    agreement: Mapped[Agreement | None] = relationship()
