"""Who may do what. Views declare the role they need; loaders of single
records check ownership in the same call that does the 404."""
from collections.abc import Collection
from functools import wraps

from flask import abort
from flask_login import current_user, login_required

from crm.models import Role, User


def role_required(role: Role):
    """Login plus at least `role`; viewers thus never reach a write view."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if not current_user.has_role(role):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def can_edit_own(user: User, owner_ids: Collection[int | None]) -> bool:
    """Staff edit records they own; managers and admins edit everyone's."""
    if user.has_role(Role.MANAGER):
        return True
    return user.has_role(Role.STAFF) and user.id in owner_ids


def require(allowed: bool) -> None:
    if not allowed:
        abort(403)
