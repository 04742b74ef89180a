from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, WriteOnlyMapped, mapped_column, relationship

from crm.extensions import db
from crm.models.audit import Audited, SoftDeletable
from crm.models.base import LabelledEnum, TimestampMixin, enum_column, utcnow
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


class RegistrationKind(LabelledEnum):
    CN_USCC = "cn_uscc", _l("Unified social credit code (China)")
    DE_HR = "de_hr", _l("Handelsregister number (Germany)")
    FI_BUSINESS_ID = "fi_business_id", _l("Business ID, Y-tunnus (Finland)")


class NameKind(LabelledEnum):
    FORMER = "former", _l("Former name")
    ENGLISH = "english", _l("English trade name")
    GERMAN = "german", _l("German trade name")
    ABBREVIATION = "abbreviation", _l("Abbreviation")
    OTHER = "other", _l("Other name")


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
    # Stored as services.registration.normalise writes it; a Handelsregister number is
    # unique only within its court. Equal numbers are the strongest duplicate signal.
    registration_kind: Mapped[RegistrationKind | None] = mapped_column(enum_column(RegistrationKind))
    registration_number: Mapped[str | None] = mapped_column(sa.String(40), index=True)
    registration_court: Mapped[str | None] = mapped_column(sa.String(100))

    owner: Mapped[User | None] = relationship(foreign_keys=[owner_id])
    office: Mapped[Office | None] = relationship()
    sectors: Mapped[list[Sector]] = relationship(secondary=company_sectors, order_by=Sector.name)
    tags: Mapped[list[Tag]] = relationship(secondary=company_tags, order_by=Tag.name)
    affiliations: Mapped[list["Affiliation"]] = relationship(  # noqa: F821
        back_populates="company", cascade="all, delete-orphan"
    )
    alternative_names: Mapped[list["AlternativeName"]] = relationship(
        back_populates="company", cascade="all, delete-orphan", order_by="AlternativeName.id"
    )
    status_changes: WriteOnlyMapped["CompanyStatusChange"] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="CompanyStatusChange.changed_at"
    )

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        """Both scripts where both exist: 'Jinan Laser Tech (济南激光科技)'."""
        if self.name_local and self.name_local != self.name:
            return f"{self.name} ({self.name_local})"
        return self.name


class AlternativeName(db.Model):
    """Another name a company is known by: a former name, a trade name, an abbreviation
    ("JIER"). Search and duplicate detection use them like the name."""

    __tablename__ = "alternative_names"

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(sa.ForeignKey("companies.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    kind: Mapped[NameKind] = mapped_column(enum_column(NameKind), default=NameKind.OTHER)

    company: Mapped[Company] = relationship(back_populates="alternative_names")


class CompanyStatusChange(db.Model):
    """A company moving from one pipeline status to another, recorded whenever the ORM
    changes a saved company's status, so the pipeline of an earlier day can be rebuilt:
    a company's status then is the `from_status` of its first change after that day."""

    __tablename__ = "company_status_changes"
    __table_args__ = (sa.Index("ix_company_status_changes_company_changed", "company_id", "changed_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(sa.ForeignKey("companies.id", ondelete="CASCADE"))
    from_status: Mapped[PipelineStatus] = mapped_column(enum_column(PipelineStatus))
    to_status: Mapped[PipelineStatus] = mapped_column(enum_column(PipelineStatus))
    changed_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)  # UTC


@sa.event.listens_for(Company.status, "set", active_history=True)
def _record_status_change(company: Company, value, old_value, _initiator) -> None:
    """A saved company's status change becomes a CompanyStatusChange row (new companies
    have no history: they count from their created_at)."""
    if not sa.inspect(company).has_identity or not isinstance(old_value, PipelineStatus) or value == old_value:
        return
    company.status_changes.add(CompanyStatusChange(from_status=old_value, to_status=PipelineStatus(value)))
