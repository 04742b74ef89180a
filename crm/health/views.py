"""A health check for the load balancer: is the app up and its database reachable?"""
import sqlalchemy as sa
from flask import Blueprint
from sqlalchemy.exc import SQLAlchemyError

from crm.extensions import db

bp = Blueprint("health", __name__)


@bp.get("/health")
def health():
    """200 when a trivial query works, 503 otherwise; needs no login and reveals nothing."""
    try:
        db.session.execute(sa.select(1))
    except SQLAlchemyError:
        db.session.rollback()
        return {"status": "unavailable", "database": "unreachable"}, 503
    return {"status": "ok", "database": "ok"}
