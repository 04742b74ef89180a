"""Companies: the list with search and filters, the company page, create and edit."""
from urllib.parse import parse_qsl, urlencode

import sqlalchemy as sa
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from sqlalchemy.exc import IntegrityError
from werkzeug.datastructures import MultiDict
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from crm import choices
from crm.audit import stale_edit
from crm.auth.permissions import role_required
from crm.companies.forms import (
    BLANK_NAME_ROWS,
    BulkEditForm,
    CompanyFilterForm,
    CompanyForm,
    RelationForm,
    split_tags,
)
from crm.companies.queries import (
    CompanyFilter,
    agreements_of,
    companies_called,
    company_affiliations,
    company_history,
    company_ids,
    company_list,
    company_relations,
    open_follow_ups,
    same_registration,
)
from crm.clock import local_now
from crm.exports import export_response
from crm.interactions.forms import LogInteractionForm
from crm.services.recent import remember_view
from crm.services import bulk, history
from crm.services.references import company_references
from crm.services.timeline import company_timeline
from crm.extensions import db
from crm.forms import country_choices, select_choices
from crm.pagination import paginate_ids
from crm.models import (
    AlternativeName,
    Company,
    CompanyRelation,
    CompanyKind,
    CompanySize,
    ContactSource,
    Delegation,
    Event,
    NameKind,
    PipelineStatus,
    RegistrationKind,
    RelationKind,
    Role,
    Sector,
    Side,
    Tag,
    User,
    utcnow,
)

bp = Blueprint("companies", __name__, url_prefix="/companies")

HISTORY_PER_PAGE = 50
# What goes to the trash with the company (crm/services/history.py TRASHED_WITH), so no obstacle.
TRASHED_ALONG = ("interactions", "follow_ups")
# Free-text columns the form edits as they are (blank means none).
TEXT_FIELDS = ("name", "name_local", "city", "phone", "website", "description", "offers", "seeks",
               "cooperation_interests")

# Machine-readable headers, the same names the import understands, so an export
# can be edited in Excel and imported again.
EXPORT_HEADERS = [
    "name", "name_local", "kind", "city", "country", "sector", "size", "website", "email", "phone",
    "description", "offers", "seeks", "cooperation_interests", "status", "source", "owner_email",
    "office", "tags",
]


def export_row(company: Company) -> list:
    return [
        company.name, company.name_local, company.kind.value, company.city, company.country,
        ", ".join(s.name for s in company.sectors), company.size.value if company.size else None,
        company.website, company.email, company.phone, company.description, company.offers, company.seeks,
        company.cooperation_interests, company.status.value, company.source.value if company.source else None,
        company.owner.email if company.owner else None, company.office.name if company.office else None,
        ", ".join(t.name for t in company.tags),
    ]


def filter_form(args=None) -> CompanyFilterForm:
    """The list's filter from a query string (by default the request's)."""
    form = CompanyFilterForm(request.args if args is None else args)
    form.country.choices = choices.company_countries(blank_label=_("Any"))
    form.sector_id.choices = choices.sectors(blank_label=_("Any"))
    form.owner_id.choices = choices.active_users(blank_label=_("Anyone"))
    form.office_id.choices = choices.offices(blank_label=_("Any"))
    form.tag_id.choices = choices.tags(blank_label=_("Any"))
    return form


def criteria_from(form: CompanyFilterForm) -> CompanyFilter:
    """The filter as typed; a field with an invalid value is left out (and marked)."""
    form.validate()

    def value(field):
        return None if field.errors else field.data or None

    status = value(form.status)
    return CompanyFilter(
        q=(value(form.q) or "").strip() or None,
        city=(value(form.city) or "").strip() or None,
        country=value(form.country),
        sector_id=value(form.sector_id),
        status=PipelineStatus(status) if status else None,
        owner_id=value(form.owner_id),
        office_id=value(form.office_id),
        tag_id=value(form.tag_id),
        sort=request.args.get("sort", "name"),
    )


@bp.get("/")
@login_required
def index():
    """Find a company: search, filters, sorting, pages, and CSV/XLSX of all matches."""
    form = filter_form()
    criteria = criteria_from(form)
    stmt = company_list(criteria)
    export_format = request.args.get("format")
    if export_format:
        rows = (export_row(c) for c in db.session.scalars(stmt))
        return export_response(export_format, "companies", EXPORT_HEADERS, rows)
    page = paginate_ids(company_ids(criteria), lambda ids: db.session.scalars(stmt.where(Company.id.in_(ids))).all(),
                        per_page=current_app.config["PER_PAGE"])
    # Each row's "Log contact" form (staff and up), posting to the ordinary interaction endpoint.
    quick_form = None
    if current_user.has_role(Role.STAFF):
        quick_form = LogInteractionForm(formdata=None, occurred_at=local_now())
    return render_template("companies/index.html", form=form, page=page, sort=criteria.sort, quick_form=quick_form)


def load_company(company_id: int) -> Company:
    """The company or 404. Every user may read; the write views add role_required."""
    return db.get_or_404(Company, company_id)


@bp.get("/<int:company_id>")
@login_required
def detail(company_id: int):
    """The company's profile, people, contact history and open follow-ups."""
    company = load_company(company_id)
    try:
        remember_view(current_user.id, company.id, utcnow())
        db.session.commit()
    except IntegrityError:  # the same user opened it twice at the same moment: one note is enough
        db.session.rollback()
    history = db.paginate(
        company_history(company.id, current_user), page=request.args.get("history_page", 1, type=int),
        per_page=HISTORY_PER_PAGE, error_out=False,
    )
    return render_template(
        "companies/detail.html",
        company=company,
        affiliations=db.session.scalars(company_affiliations(company.id)).all(),
        history=history,
        follow_ups=db.session.scalars(open_follow_ups(company.id)).all(),
        # Interactions are in the history already; the rest of the timeline goes beside it.
        milestones=company_timeline(company.id, viewer=current_user, with_interactions=False),
        relations=relation_lines(company),
        relation_form=relation_form(company) if current_user.has_role(Role.STAFF) else None,
    )


@bp.route("/new", methods=["GET", "POST"])
@role_required(Role.STAFF)
def new():
    """Add a company; the current user owns it and their office looks after it."""
    company = Company(owner_id=current_user.id, office_id=current_user.office_id, status=PipelineStatus.NEW)
    return edit_form(company)


@bp.route("/<int:company_id>/edit", methods=["GET", "POST"])
@role_required(Role.STAFF)
def edit(company_id: int):
    """Change a company's profile."""
    return edit_form(load_company(company_id))


def form_data(company: Company) -> dict:
    """The company as the form's initial values; unset ones fall back to the form's defaults.

    (Not `obj=company`: WTForms would then prefer `company.tags` and the enums over these.)"""
    data = {name: getattr(company, name) for name in TEXT_FIELDS + ("email", "country", "owner_id", "office_id")}
    for name in ("kind", "status", "size", "source"):
        member = getattr(company, name)
        data[name] = member.value if member is not None else None
    data["sector_ids"] = [s.id for s in company.sectors]
    data["tags"] = ", ".join(t.name for t in company.tags)
    data["registration_kind"] = company.registration_kind.value if company.registration_kind else None
    data["registration_number"] = company.registration_number
    data["registration_court"] = company.registration_court
    data["alternative_names"] = [{"name": a.name, "kind": a.kind.value} for a in company.alternative_names]
    data["version"] = company.version
    return {name: value for name, value in data.items() if value is not None}


def edit_form(company: Company):
    form = CompanyForm(data=form_data(company))
    form.country.choices = country_choices(blank_label="—")
    form.sector_ids.choices = choices.sectors()
    form.owner_id.choices = choices.active_users(current=company.owner, blank_label="—")
    form.office_id.choices = choices.offices(blank_label="—")
    if form.validate_on_submit() and not stale_edit(company, form) and not registration_taken(form, company):
        fill_company(company, form)
        db.session.add(company)
        db.session.commit()
        flash(_("Company %(name)s saved.", name=company.name), "success")
        return redirect(url_for("companies.detail", company_id=company.id))
    if request.method == "GET":
        for _row in range(BLANK_NAME_ROWS):
            form.alternative_names.append_entry()
    return render_template("companies/form.html", form=form, company=company)


def registration_taken(form: CompanyForm, company: Company) -> bool:
    """Another company with the same registration number is the same company: refuse it,
    naming that company, rather than create a duplicate (the error goes on the field)."""
    kind, number = form.registration_kind.data, form.registration_number.data
    if not kind or not number:
        return False
    other = db.session.scalar(same_registration(kind, number, form.registration_court.data, company.id))
    if other is None:
        return False
    form.registration_number.errors.append(_(
        "%(name)s already has this registration number; open it instead, or merge the two companies.",
        name=other.name))
    return True


def fill_company(company: Company, form: CompanyForm) -> None:
    for name in TEXT_FIELDS:
        setattr(company, name, (getattr(form, name).data or "").strip() or None)
    company.name = form.name.data.strip()
    company.email = (form.email.data or "").strip().lower() or None
    company.country = form.country.data or None
    company.kind = CompanyKind(form.kind.data)
    company.status = PipelineStatus(form.status.data)
    company.size = CompanySize(form.size.data) if form.size.data else None
    company.source = ContactSource(form.source.data) if form.source.data else None
    company.owner_id = form.owner_id.data
    company.office_id = form.office_id.data
    company.sectors = db.session.scalars(sa.select(Sector).where(Sector.id.in_(form.sector_ids.data or []))).all()
    company.tags = tags_named(split_tags(form.tags.data))
    registered = bool(form.registration_number.data)  # a kind or court alone means nothing
    company.registration_kind = RegistrationKind(form.registration_kind.data) if registered else None
    company.registration_number = form.registration_number.data if registered else None
    court = (form.registration_court.data or "").strip()
    company.registration_court = court or None if registered else None
    fill_alternative_names(company, form)


def fill_alternative_names(company: Company, form: CompanyForm) -> None:
    """The form's rows as the company's alternative names: blank rows and repeats of the
    name or of another row dropped, unchanged rows kept as they are."""
    kept = {(a.name, a.kind): a for a in company.alternative_names}
    seen = {company.name.casefold()}
    names = []
    for row in form.alternative_names.entries:
        name = (row.form.name.data or "").strip()
        if not name or name.casefold() in seen:
            continue
        seen.add(name.casefold())
        kind = NameKind(row.form.kind.data)
        names.append(kept.get((name, kind)) or AlternativeName(name=name, kind=kind))
    company.alternative_names = names


def tags_named(names: list[str]) -> list[Tag]:
    """The tags with these names, reusing existing ones whatever their case."""
    if not names:
        return []
    existing = {
        t.name.lower(): t
        for t in db.session.scalars(sa.select(Tag).where(sa.func.lower(Tag.name).in_([n.lower() for n in names])))
    }
    return [existing.get(name.lower()) or Tag(name=name) for name in names]


# --- bulk edit --------------------------------------------------------------------------------------------------------

def list_url(query: str | None) -> str:
    """The company list with the filter it was left with (re-encoded, so only a query string)."""
    pairs = parse_qsl(query or "")
    return url_for("companies.index") + ("?" + urlencode(pairs) if pairs else "")


def bulk_form() -> BulkEditForm:
    form = BulkEditForm()
    form.owner_id.choices = choices.active_users(blank_label="—")
    form.sector_id.choices = choices.sectors(blank_label="—")
    form.event_id.choices = select_choices([("", "—")] + [
        (e.id, f"{e.name} ({e.starts_on.isoformat()})")
        for e in db.session.scalars(sa.select(Event).order_by(Event.starts_on.desc(), Event.id.desc()))])
    form.delegation_id.choices = select_choices([("", "—")] + [
        (d.id, f"{d.name} ({d.starts_on.isoformat()})")
        for d in db.session.scalars(sa.select(Delegation).order_by(Delegation.starts_on.desc(), Delegation.id.desc()))])
    return form


def bulk_selection(form: BulkEditForm) -> tuple[bulk.Selection | None, str | None]:
    """(the companies to edit, None) or (None, why there are none): every company matching the
    list's filter, or the ticked ids that are companies (not in the trash)."""
    if form.scope.data == "all":
        criteria_form = filter_form(MultiDict(parse_qsl(form.query.data or "")))
        criteria = criteria_from(criteria_form)
        if criteria_form.errors:  # a filter left out would widen the edit to more rows than shown
            return None, _("The list's filter is not valid; filter the list again.")
        return bulk.Selection(db.session.scalars(company_list(criteria)).unique().all(), 0), None
    ids, not_ids = bulk.parse_ids(request.form.getlist("ids"))
    if len(ids) > bulk.MAX_IDS:
        return None, _("At most %(max)d rows can be ticked; choose all rows matching the filter instead.",
                       max=bulk.MAX_IDS)
    selection = bulk.resolve(ids)
    if not selection.companies:
        return None, _("Tick at least one company, or choose all rows matching the filter.")
    return bulk.Selection(selection.companies, selection.ignored + not_ids), None


def bulk_edit_from(form: BulkEditForm) -> tuple[bulk.BulkEdit | None, str]:
    """The edit the form asks for and how the history names it, or (None, "") with the
    error on the action's value field."""
    action = bulk.Action(form.action.data)
    field = form[form.VALUE_FIELDS[action]]
    value = field.data
    edit, change = None, ""
    if action is bulk.Action.TAGS:
        names = split_tags(value)
        if names:
            edit = bulk.BulkEdit(action, tags=tags_named(names))
            change = _("tags + %(tags)s", tags=", ".join(names))
    elif value:
        if action is bulk.Action.OWNER:
            edit = bulk.BulkEdit(action, owner=db.session.get(User, value))
            change = _("owner → %(name)s", name=edit.owner.name)
        elif action is bulk.Action.STATUS:
            edit = bulk.BulkEdit(action, status=PipelineStatus(value))
            change = _("status → %(status)s", status=edit.status.label)
        elif action is bulk.Action.SECTOR:
            edit = bulk.BulkEdit(action, sector=db.session.get(Sector, value))
            change = _("sector + %(sector)s", sector=edit.sector.name)
        elif action is bulk.Action.EVENT:
            edit = bulk.BulkEdit(action, event=db.session.get(Event, value), side=Side(form.side.data))
            change = _("participants of %(event)s, side %(side)s", event=edit.event.name, side=edit.side.label)
        else:
            edit = bulk.BulkEdit(action, delegation=db.session.get(Delegation, value))
            change = _("members of %(delegation)s", delegation=edit.delegation.name)
    if edit is None:
        field.errors = [*field.errors, _("Enter the value to set.")]
    return edit, change


@bp.post("/bulk")
@role_required(Role.STAFF)
def bulk_edit():
    """Bulk edit from the list: the list posts the ticked ids (or its filter for all rows
    matching); here the action is chosen, a preview tells how many companies change, and
    Apply changes them in one transaction, recorded in the history as one operation."""
    form = bulk_form()
    selection, problem = bulk_selection(form)
    if selection is None:
        flash(problem, "warning")
        return redirect(list_url(form.query.data))
    chosen = "action" in request.form  # not on the way in from the list
    edit, change, outcome = None, "", None
    if chosen and form.validate_on_submit():
        edit, change = bulk_edit_from(form)
    if edit is not None:
        outcome = bulk.preview(edit, selection.companies)
        if form.confirm.data and outcome.changed:
            label = ngettext("Bulk edit: %(change)s (%(num)d company)", "Bulk edit: %(change)s (%(num)d companies)",
                             outcome.changed, change=change)
            with history.operation(label):
                outcome = bulk.apply(edit, selection.companies)
            db.session.commit()
            flash(ngettext("%(num)d company changed: %(change)s.", "%(num)d companies changed: %(change)s.",
                           outcome.changed, change=change), "success")
            if outcome.skipped:
                flash(ngettext("%(num)d company already had it and was skipped.",
                               "%(num)d companies already had it and were skipped.", outcome.skipped), "info")
            return redirect(list_url(form.query.data))
    carried = [("ids", c.id) for c in selection.companies] if form.scope.data != "all" else []
    carried += [(f.name, request.form.get(f.name, "")) for f in form
                if f.name not in ("csrf_token", "preview", "confirm")]
    return render_template("companies/bulk.html", form=form, selection=selection, edit=edit, change=change,
                           outcome=outcome, carried=carried, back=list_url(form.query.data)), \
        422 if chosen and edit is None else 200


def references_blocking_delete(company_id: int) -> list[tuple[str, str, str | None]]:
    """What refers to the company, apart from what goes to the trash with it."""
    return [place for place in company_references(company_id) if place[0] not in TRASHED_ALONG]


@bp.post("/<int:company_id>/delete")
@role_required(Role.MANAGER)
def delete(company_id: int):
    """Move a company to the trash with its interactions and follow-ups, unless other
    records (people, fairs, delegations, agreements) refer to it; then say where it is used."""
    company = load_company(company_id)
    used = references_blocking_delete(company.id)
    if used:
        places = "; ".join(label for _kind, label, _url in used)
        flash(_("%(name)s was not deleted because it is used: %(places)s.", name=company.name, places=places), "danger")
        return redirect(url_for("companies.detail", company_id=company.id))
    history.soft_delete(company, current_user.id)
    db.session.commit()
    flash(_("%(name)s moved to the trash.", name=company.name), "success")
    return redirect(url_for("companies.index"))


# --- relations between organisations --------------------------------------------------------------------------------

def relation_form(company: Company) -> RelationForm:
    form = RelationForm()
    form.agreement_id.choices = [("", "—")] + [
        (a.id, f"{a.title} ({a.signed_on.year})" if a.signed_on else a.title)
        for a in db.session.scalars(agreements_of(company.id))]
    return form


def relation_lines(company: Company) -> list[tuple]:
    """(label, other organisation, relation) as seen from this company."""
    lines = []
    for relation in db.session.scalars(company_relations(company.id)).unique():
        if relation.company_id == company.id:
            lines.append((relation.kind.label, relation.related, relation))
        else:
            lines.append((relation.kind.inverse, relation.company, relation))
    return lines


def other_organisation(form: RelationForm, company: Company) -> Company | None:
    """The organisation the form names: '#12' by id, else by a name in either script. The
    error (none, several, itself) goes on the field."""
    text = form.other.data.strip()
    if text.startswith("#") and text[1:].isdigit():
        found = [c for c in [db.session.get(Company, int(text[1:]))] if c is not None]
    else:
        found = db.session.scalars(companies_called(text)).all()
    if not found:
        form.other.errors.append(_("No organisation is called “%(name)s”.", name=text))
    elif len(found) > 1:
        form.other.errors.append(_("Several organisations are called “%(name)s”: %(list)s. Enter one as #id.",
                                   name=text, list=", ".join(f"#{c.id} {c.name} ({c.city or '—'})" for c in found)))
    elif found[0].id == company.id:
        form.other.errors.append(_("A company cannot be related to itself."))
    else:
        return found[0]
    return None


@bp.post("/<int:company_id>/relations")
@role_required(Role.STAFF)
def add_relation(company_id: int):
    """Link the company to another organisation, in the direction the chosen relation says."""
    company = load_company(company_id)
    form = relation_form(company)
    other = other_organisation(form, company) if form.validate_on_submit() else None
    if other is None:
        for field_name, errors in form.errors.items():
            label = form[field_name].label.text if field_name in form else ""
            flash(_("%(field)s: %(errors)s", field=label, errors=" ".join(map(str, errors))), "danger")
        return redirect(url_for("companies.detail", company_id=company.id, _anchor="relations-heading"))
    inverse = form.kind.data.startswith("~")
    kind = RelationKind(form.kind.data.lstrip("~"))
    subject, related = (other, company) if inverse else (company, other)
    exists = db.session.scalar(sa.select(CompanyRelation.id).where(
        CompanyRelation.company_id == subject.id, CompanyRelation.related_id == related.id,
        CompanyRelation.kind == kind))
    if exists:
        flash(_("This relation is already recorded."), "info")
    else:
        db.session.add(CompanyRelation(company=subject, related=related, kind=kind, note=form.note.data or None,
                                       agreement_id=form.agreement_id.data))
        db.session.commit()
        flash(_("Relation to %(name)s added.", name=other.name), "success")
    return redirect(url_for("companies.detail", company_id=company.id, _anchor="relations-heading"))


@bp.post("/<int:company_id>/relations/<int:relation_id>/delete")
@role_required(Role.STAFF)
def delete_relation(company_id: int, relation_id: int):
    """Remove a link seen from either of its two organisations."""
    relation = db.get_or_404(CompanyRelation, relation_id)
    if company_id not in (relation.company_id, relation.related_id):
        abort(404)
    db.session.delete(relation)
    db.session.commit()
    flash(_("Relation removed."), "success")
    return redirect(url_for("companies.detail", company_id=company_id, _anchor="relations-heading"))
