"""The agreement list, shared by the page and its exports."""
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from crm.companies.queries import contains
from crm.models import Agreement, AgreementKind, AgreementStatus, agreement_parties


@dataclass(frozen=True)
class AgreementFilter:
    q: str | None = None
    year: int | None = None
    kind: AgreementKind | None = None
    status: AgreementStatus | None = None
    office_id: int | None = None
    company_id: int | None = None


def agreement_list(criteria: AgreementFilter) -> sa.Select:
    """Agreements matching the filter, latest signed first (drafts without a date first)."""
    stmt = sa.select(Agreement).options(selectinload(Agreement.parties), joinedload(Agreement.office))
    if criteria.q:
        stmt = stmt.where(contains(Agreement.title, criteria.q))
    if criteria.year is not None:
        stmt = stmt.where(Agreement.signed_on >= date(criteria.year, 1, 1),
                          Agreement.signed_on < date(criteria.year + 1, 1, 1))
    if criteria.kind is not None:
        stmt = stmt.where(Agreement.kind == criteria.kind)
    if criteria.status is not None:
        stmt = stmt.where(Agreement.status == criteria.status)
    if criteria.office_id is not None:
        stmt = stmt.where(Agreement.office_id == criteria.office_id)
    if criteria.company_id is not None:
        stmt = stmt.where(
            sa.select(agreement_parties.c.agreement_id)
            .where(agreement_parties.c.agreement_id == Agreement.id,
                   agreement_parties.c.company_id == criteria.company_id)
            .exists()
        )
    return stmt.order_by(Agreement.signed_on.is_not(None), Agreement.signed_on.desc(), Agreement.id.desc())
