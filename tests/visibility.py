"""Whether a record is still visible, asked by query: `db.session.get` would answer from
the test session's identity map, which still holds a record another request trashed."""
import sqlalchemy as sa

from crm.extensions import db


def visible(model, record_id: int):
    """The record as lists and pages see it, or None when it is gone or in the trash."""
    return db.session.scalar(sa.select(model).filter_by(id=record_id))
