from datetime import date

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from crm.extensions import db
from crm.models.audit import Audited, SoftDeletable
from crm.models.base import LabelledEnum, TimestampMixin, enum_column
from crm.models.company import Company
from crm.models.office import Office


class AgreementKind(LabelledEnum):
    LETTER_OF_INTENT = "loi", _l("Letter of intent")
    MOU = "mou", _l("Memorandum of understanding")
    COOPERATION = "cooperation", _l("Cooperation agreement")
    OFFICE = "office", _l("Office agreement")


class AgreementStatus(LabelledEnum):
    DRAFT = "draft", _l("Draft")
    SIGNED = "signed", _l("Signed")
    ACTIVE = "active", _l("Active")
    EXPIRED = "expired", _l("Expired")


agreement_parties = sa.Table(
    "agreement_parties",
    db.metadata,
    sa.Column("agreement_id", sa.ForeignKey("agreements.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("company_id", sa.ForeignKey("companies.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Agreement(Audited, SoftDeletable, TimestampMixin, db.Model):
    """A letter of intent, memorandum, cooperation or office agreement between parties."""

    __tablename__ = "agreements"
    audit_label = _l("Agreement")

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[AgreementKind] = mapped_column(enum_column(AgreementKind))
    title: Mapped[str] = mapped_column(sa.String(300))
    signed_on: Mapped[date | None] = mapped_column(index=True)
    signed_place: Mapped[str | None] = mapped_column(sa.String(200))
    signatories: Mapped[str | None] = mapped_column(sa.Text)
    term_ends_on: Mapped[date | None]
    renewal_on: Mapped[date | None]
    status: Mapped[AgreementStatus] = mapped_column(enum_column(AgreementStatus), default=AgreementStatus.DRAFT)
    summary: Mapped[str | None] = mapped_column(sa.Text)
    office_id: Mapped[int | None] = mapped_column(sa.ForeignKey("offices.id"), index=True)
    # The attached document lives under instance/; only its metadata is here.
    document_path: Mapped[str | None] = mapped_column(sa.String(300))
    document_name: Mapped[str | None] = mapped_column(sa.String(300))
    document_type: Mapped[str | None] = mapped_column(sa.String(100))
    document_size: Mapped[int | None]
    # The follow-up created ahead of renewal, so it is created once only.
    renewal_follow_up_id: Mapped[int | None] = mapped_column(sa.ForeignKey("follow_ups.id", ondelete="SET NULL"))

    office: Mapped[Office | None] = relationship()
    parties: Mapped[list[Company]] = relationship(secondary=agreement_parties, order_by=Company.name)

    def __str__(self) -> str:
        return self.title
