import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from crm.extensions import db
from crm.models.audit import Audited, SoftDeletable
from crm.models.base import LabelledEnum, TimestampMixin, enum_column
from crm.models.office import Office
from crm.models.user import User


class CompanyKind(LabelledEnum):
    ENTERPRISE = "enterprise", _l("Enterprise")
    INSTITUTION = "institution", _l("Institution")
    UNIVERSITY = "university", _l("University")
    ASSOCIATION = "association", _l("Association")


class PipelineStatus(LabelledEnum):
    """Where the office stands with a company, from first contact to partnership."""

    NEW = "new", _l("New")
    CONTACTED = "contacted", _l("Contacted")
    INTERESTED = "interested", _l("Interested")
    NEGOTIATING = "negotiating", _l("Negotiating")
    PARTNER = "partner", _l("Partner")
    DORMANT = "dormant", _l("Dormant")
    DECLINED = "declined", _l("Not interested")


class CompanySize(LabelledEnum):
    MICRO = "1-9", _l("1–9 employees")
    SMALL = "10-49", _l("10–49 employees")
    MEDIUM = "50-249", _l("50–249 employees")
    LARGE = "250-999", _l("250–999 employees")
    VERY_LARGE = "1000+", _l("1,000+ employees")


class ContactSource(LabelledEnum):
    WEBSITE = "website", _l("Website inquiry")
    FAIR = "fair", _l("Matchmaking fair")
    DELEGATION = "delegation", _l("Delegation")
    EVENT = "event", _l("Forum or event")
    REFERRAL = "referral", _l("Referral")
    PARTNER = "partner", _l("Partner institution")
    DIRECT = "direct", _l("Direct contact")
    OTHER = "other", _l("Other")


company_sectors = sa.Table(
    "company_sectors",
    db.metadata,
    sa.Column("company_id", sa.ForeignKey("companies.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("sector_id", sa.ForeignKey("sectors.id", ondelete="CASCADE"), primary_key=True, index=True),
)

company_tags = sa.Table(
    "company_tags",
    db.metadata,
    sa.Column("company_id", sa.ForeignKey("companies.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("tag_id", sa.ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Sector(db.Model):
    __tablename__ = "sectors"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(100), unique=True)

    def __str__(self) -> str:
        return self.name


class Tag(db.Model):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(60), unique=True)

    def __str__(self) -> str:
        return self.name


class Company(Audited, SoftDeletable, TimestampMixin, db.Model):
    """An enterprise, institution, university or association the offices deal with."""

    __tablename__ = "companies"
    audit_label = _l("Company")

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200), index=True)
    name_local: Mapped[str | None] = mapped_column(sa.String(200))
    kind: Mapped[CompanyKind] = mapped_column(enum_column(CompanyKind), default=CompanyKind.ENTERPRISE)
    city: Mapped[str | None] = mapped_column(sa.String(100), index=True)
    country: Mapped[str | None] = mapped_column(sa.String(2), index=True)  # ISO 3166 alpha-2
    size: Mapped[CompanySize | None] = mapped_column(enum_column(CompanySize))
    website: Mapped[str | None] = mapped_column(sa.String(300))
    email: Mapped[str | None] = mapped_column(sa.String(254))
    phone: Mapped[str | None] = mapped_column(sa.String(50))
    description: Mapped[str | None] = mapped_column(sa.Text)
    offers: Mapped[str | None] = mapped_column(sa.Text)
    seeks: Mapped[str | None] = mapped_column(sa.Text)
    cooperation_interests: Mapped[str | None] = mapped_column(sa.Text)
    status: Mapped[PipelineStatus] = mapped_column(
        enum_column(PipelineStatus), default=PipelineStatus.NEW, index=True
    )
    source: Mapped[ContactSource | None] = mapped_column(enum_column(ContactSource))
    owner_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), index=True)
    office_id: Mapped[int | None] = mapped_column(sa.ForeignKey("offices.id"), index=True)

    owner: Mapped[User | None] = relationship(foreign_keys=[owner_id])
    office: Mapped[Office | None] = relationship()
    sectors: Mapped[list[Sector]] = relationship(secondary=company_sectors, order_by=Sector.name)
    tags: Mapped[list[Tag]] = relationship(secondary=company_tags, order_by=Tag.name)
    affiliations: Mapped[list["Affiliation"]] = relationship(  # noqa: F821
        back_populates="company", cascade="all, delete-orphan"
    )

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        """Both scripts where both exist: 'Jinan Laser Tech (济南激光科技)'."""
        if self.name_local and self.name_local != self.name:
            return f"{self.name} ({self.name_local})"
        return self.name
