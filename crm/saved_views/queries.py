import sqlalchemy as sa

from crm.models import SavedView, User, Visibility, saved_view_pins


def visible_views(user: User, list_name: str | None = None) -> sa.Select:
    """The views a user may open: their own, their office's shared ones, everyone's."""
    stmt = sa.select(SavedView).where(sa.or_(
        SavedView.owner_id == user.id,
        SavedView.visibility == Visibility.EVERYONE,
        sa.and_(SavedView.visibility == Visibility.OFFICE, SavedView.office_id == user.office_id),
    )).order_by(SavedView.list_name, sa.func.lower(SavedView.name), SavedView.id)
    if list_name:
        stmt = stmt.where(SavedView.list_name == list_name)
    return stmt


def pinned_views(user: User) -> sa.Select:
    """The views the user pinned to their menu and may still open."""
    return visible_views(user).join(saved_view_pins, saved_view_pins.c.view_id == SavedView.id).where(
        saved_view_pins.c.user_id == user.id)
