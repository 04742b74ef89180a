"""Recently viewed companies: each user's last few, kept short."""
from datetime import datetime

import sqlalchemy as sa

from crm.extensions import db
from crm.models import RecentCompany

KEPT = 10


def remember_view(user_id: int, company_id: int, now: datetime) -> None:
    """Note that the user opened the company now, and forget all but their last KEPT."""
    row = db.session.get(RecentCompany, (user_id, company_id))
    if row is None:
        db.session.add(RecentCompany(user_id=user_id, company_id=company_id, viewed_at=now))
    else:
        row.viewed_at = now
    db.session.flush()
    kept = (
        sa.select(RecentCompany.company_id)
        .where(RecentCompany.user_id == user_id)
        .order_by(RecentCompany.viewed_at.desc())
        .limit(KEPT)
    )
    db.session.execute(
        sa.delete(RecentCompany).where(RecentCompany.user_id == user_id, RecentCompany.company_id.not_in(kept)),
        execution_options={"synchronize_session": False},
    )
