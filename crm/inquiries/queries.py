"""The triage queue: inquiries by status, newest first."""
import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from crm.models import Inquiry, InquiryStatus


def inquiry_list(status: InquiryStatus | None) -> sa.Select:
    """Inquiries with the given status (None: all), preferred office, handler and company loaded.

    New ones oldest first (the queue is worked from the top), handled ones newest first."""
    stmt = sa.select(Inquiry).options(
        joinedload(Inquiry.preferred_office), joinedload(Inquiry.handled_by), joinedload(Inquiry.company)
    )
    if status is not None:
        stmt = stmt.where(Inquiry.status == status)
    if status is InquiryStatus.NEW:
        return stmt.order_by(Inquiry.created_at, Inquiry.id)
    return stmt.order_by(Inquiry.created_at.desc(), Inquiry.id.desc())


def new_inquiry_count() -> sa.Select:
    return sa.select(sa.func.count(Inquiry.id)).where(Inquiry.status == InquiryStatus.NEW)
