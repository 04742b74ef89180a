"""User and office management and the audit log, for admins only."""
from datetime import datetime, time, timedelta

import sqlalchemy as sa
from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from crm import choices
from crm.admin.forms import AuditFilterForm, OfficeForm, UserForm
from crm.admin.queries import AuditFilter, audit_log
from crm.auth.permissions import role_required
from crm.clock import to_utc
from crm.exports import export_response
from crm.extensions import db
from crm.models import AuditAction, AuditEntry, Office, Role, User
from crm.services import history

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.before_request
@role_required(Role.ADMIN)
def require_admin():
    """Every page here is for admins only."""


def email_taken(email: str, user: User | None) -> bool:
    other = db.session.scalar(sa.select(User).where(sa.func.lower(User.email) == email.lower()))
    return other is not None and other is not user


@bp.get("/users")
def users():
    """All users with their office and role."""
    rows = db.session.scalars(sa.select(User).order_by(User.active.desc(), User.name)).all()
    return render_template("admin/users.html", users=rows, failures_notice=current_app.config["LOGIN_FAILURES_NOTICE"])


@bp.route("/users/new", methods=["GET", "POST"])
def new_user():
    """Create a login."""
    return edit_user_form(User(role=Role.STAFF, active=True))


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
def edit_user(user_id: int):
    """Change a user's role, office or password, or deactivate them."""
    return edit_user_form(db.get_or_404(User, user_id))


def edit_user_form(user: User):
    form = UserForm(obj=user, role=user.role.value if user.role else None)
    form.office_id.choices = choices.offices()
    if form.validate_on_submit():
        if email_taken(form.email.data, user):
            form.email.errors.append(_("Another user has this e-mail address."))
        elif user.id is None and not form.password.data:
            form.password.errors.append(_("A new user needs a password."))
        else:
            user.email = form.email.data.strip().lower()
            user.name = form.name.data.strip()
            user.role = Role(form.role.data)
            user.office_id = form.office_id.data
            user.language = form.language.data or None
            user.active = form.active.data
            user.must_change_password = form.must_change_password.data
            if form.password.data:
                user.set_password(form.password.data, method=current_app.config.get("PASSWORD_HASH_METHOD", "scrypt"))
            db.session.add(user)
            db.session.commit()
            flash(_("User %(name)s saved.", name=user.name), "success")
            return redirect(url_for("admin.users"))
    return render_template("admin/user_form.html", form=form, user=user)


@bp.get("/offices")
def offices():
    """The offices; they are data, so a new one needs no code change."""
    counts = dict(db.session.execute(sa.select(User.office_id, sa.func.count()).group_by(User.office_id)).all())
    rows = db.session.scalars(sa.select(Office).order_by(Office.name)).all()
    return render_template("admin/offices.html", offices=rows, user_counts=counts)


@bp.route("/offices/new", methods=["GET", "POST"])
def new_office():
    """Open a new office."""
    return edit_office_form(Office())


@bp.route("/offices/<int:office_id>", methods=["GET", "POST"])
def edit_office(office_id: int):
    """Rename an office or change its time zone."""
    return edit_office_form(db.get_or_404(Office, office_id))


def edit_office_form(office: Office):
    form = OfficeForm(obj=office)
    if form.validate_on_submit():
        other = db.session.scalar(sa.select(Office).where(Office.name == form.name.data.strip()))
        if other is not None and other is not office:
            form.name.errors.append(_("An office with this name exists already."))
        else:
            office.name = form.name.data.strip()
            office.city = form.city.data.strip() or None
            office.country = form.country.data.upper() or None
            office.timezone = form.timezone.data
            db.session.add(office)
            db.session.commit()
            flash(_("Office %(name)s saved.", name=office.name), "success")
            return redirect(url_for("admin.offices"))
    return render_template("admin/office_form.html", form=form, office=office)


# --- audit log -------------------------------------------------------------------------------------------------------

AUDIT_HEADERS = ["when_utc", "user", "origin", "action", "record_type", "record_id", "record", "field", "old", "new",
                 "operation"]


@bp.get("/audit")
def audit():
    """Every recorded change, filtered by user, record type, action and dates; XLSX of all matches."""
    form = AuditFilterForm(request.args)
    form.user_id.choices = choices.active_users(blank_label=_("Anyone"))
    form.entity_type.choices = [("", _("Any"))] + [
        (name, str(model.audit_label)) for name, model in history.audited_models().items()]
    form.validate()

    def value(field):
        return None if field.errors else field.data or None

    day_from, day_to = value(form.date_from), value(form.date_to)
    criteria = AuditFilter(
        user_id=value(form.user_id),
        entity_type=value(form.entity_type),
        action=AuditAction(value(form.action)) if value(form.action) else None,
        since=to_utc(datetime.combine(day_from, time())) if day_from else None,
        before=to_utc(datetime.combine(day_to + timedelta(days=1), time())) if day_to else None,
    )
    stmt = audit_log(criteria)
    if request.args.get("format"):
        stmt = stmt.options(selectinload(AuditEntry.user))
        return export_response(request.args["format"], "audit-log", AUDIT_HEADERS, audit_rows(stmt))
    page = db.paginate(stmt, per_page=current_app.config["PER_PAGE"], max_per_page=100, error_out=False)
    return render_template("admin/audit.html", form=form, page=page)


def audit_rows(stmt):
    """One row per changed field (one for an entry without fields)."""
    for entry in db.session.scalars(stmt):
        common = [entry.at, entry.user.email if entry.user else None, entry.origin, entry.action.value,
                  entry.entity_type, entry.entity_id, entry.entity_label]
        for name, (old, new) in (entry.changes or {None: [None, None]}).items():
            yield common + [name, _cell_text(old), _cell_text(new), entry.operation_label]


def _cell_text(value):
    return ", ".join(map(str, value)) if isinstance(value, list) else value
