"""Saved views: a filtered and sorted list kept under a name, private or shared with the
office or everyone, pinned to the user's menu, opened and exported as it is."""
from urllib.parse import urlencode

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from crm.auth.permissions import require, role_required
from crm.auth.redirects import local_or
from crm.extensions import db
from crm.models import Role, SavedView, Visibility
from crm.saved_views.forms import ActionForm, SaveViewForm
from crm.saved_views.lists import LISTS, kept_query, query_args
from crm.saved_views.queries import visible_views

bp = Blueprint("saved_views", __name__, url_prefix="/views")


def load_view(view_id: int, for_change: bool = False) -> SavedView:
    """The view or 404 if it does not exist or is not shared with the user; changing it is
    for its owner and admins (else 403)."""
    view = db.get_or_404(SavedView, view_id)
    if not is_visible(view):
        abort(404)
    if for_change:
        require(view.owner_id == current_user.id or current_user.has_role(Role.ADMIN))
    return view


def is_visible(view: SavedView) -> bool:
    return (view.owner_id == current_user.id or view.visibility == Visibility.EVERYONE
            or (view.visibility == Visibility.OFFICE and view.office_id == current_user.office_id))


def list_url(view: SavedView, **extra) -> str:
    endpoint = LISTS[view.list_name][0]
    return url_for(endpoint) + "?" + urlencode(query_args(view.query, **extra))


@bp.get("/")
@login_required
def index():
    """The views the user may open, by list: their own and those shared with them."""
    views = db.session.scalars(visible_views(current_user)).all()
    return render_template("saved_views/index.html", views=views, lists=LISTS, form=ActionForm())


@bp.post("/")
@role_required(Role.STAFF)
def save():
    """Save the list the form was on; a name already used for that list is replaced."""
    form = SaveViewForm()
    back = local_or(request.form.get("next"), url_for("saved_views.index"))
    if not form.validate_on_submit():
        for name, errors in form.errors.items():
            flash(_("%(field)s: %(errors)s", field=form[name].label.text, errors=" ".join(map(str, errors))),
                  "danger")
        return redirect(back)
    name = form.name.data.strip()
    view = db.session.scalar(sa.select(SavedView).where(
        SavedView.owner_id == current_user.id, SavedView.list_name == form.list_name.data, SavedView.name == name))
    if view is None:
        view = SavedView(owner=current_user._get_current_object(), list_name=form.list_name.data, name=name)
        db.session.add(view)
    view.query = kept_query(form.query.data or "")
    view.visibility = Visibility(form.visibility.data)
    view.office_id = current_user.office_id
    if form.pin.data and current_user not in view.pinned_by:
        view.pinned_by.append(current_user._get_current_object())
    db.session.commit()
    flash(_("View “%(name)s” saved.", name=view.name), "success")
    return redirect(list_url(view))


@bp.get("/<int:view_id>")
@login_required
def open_view(view_id: int):
    """The list as the view keeps it."""
    return redirect(list_url(load_view(view_id)))


@bp.get("/<int:view_id>/export")
@login_required
def export(view_id: int):
    """The view's rows as CSV or XLSX (?format=)."""
    fmt = request.args.get("format", "xlsx")
    if fmt not in ("csv", "xlsx"):
        abort(400, _("Unknown export format %(fmt)s; use csv or xlsx.", fmt=fmt))
    return redirect(list_url(load_view(view_id), format=fmt))


@bp.post("/<int:view_id>/pin")
@role_required(Role.STAFF)
def pin(view_id: int):
    """Show the view in the user's menu."""
    return set_pin(view_id, True)


@bp.post("/<int:view_id>/unpin")
@role_required(Role.STAFF)
def unpin(view_id: int):
    return set_pin(view_id, False)


def set_pin(view_id: int, pinned: bool):
    view = load_view(view_id)
    if ActionForm().validate_on_submit():
        me = current_user._get_current_object()
        if pinned and me not in view.pinned_by:
            view.pinned_by.append(me)
        elif not pinned and me in view.pinned_by:
            view.pinned_by.remove(me)
        db.session.commit()
    return redirect(local_or(request.form.get("next"), url_for("saved_views.index")))


@bp.post("/<int:view_id>/delete")
@role_required(Role.STAFF)
def delete(view_id: int):
    """Delete a view (its owner or an admin); it leaves everyone's menu."""
    view = load_view(view_id, for_change=True)
    if ActionForm().validate_on_submit():
        db.session.delete(view)
        db.session.commit()
        flash(_("View “%(name)s” deleted.", name=view.name), "success")
    return redirect(url_for("saved_views.index"))
