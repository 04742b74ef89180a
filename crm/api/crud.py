"""The API blueprint and the five operations every resource has, written once.

A `Resource` says which model it serves, the schema that both validates its input and
documents it, the list query of its area (crm/<area>/queries.py), the role needed to
write, and how validated input becomes a record. `register` adds

    GET    /api/v1/<name>            list: the area's filters, `page`, `per_page`
    POST   /api/v1/<name>            create
    GET    /api/v1/<name>/<id>       read
    PATCH  /api/v1/<name>/<id>       change some fields; audited records need their `version`
    DELETE /api/v1/<name>/<id>       to the trash where the record has one

(under /api/v1/events/<event_id>/ for a fair's participants, requests and meetings)."""
from collections.abc import Callable, Collection
from dataclasses import dataclass

import marshmallow as ma
import sqlalchemy as sa
from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_smorest import Blueprint
from sqlalchemy.orm.exc import StaleDataError
from webargs.flaskparser import FlaskParser

from crm.api.errors import ApiError, Error
from crm.api.fields import INT_MAX, Count
from crm.auth.permissions import can_edit_own
from crm.companies.queries import current_people
from crm.extensions import db
from crm.models import Audited, Event, Person, Role, SoftDeletable, User
from crm.services import history

MAX_PER_PAGE = 100
MAX_PAGE = 100_000


class Parser(FlaskParser):
    """Invalid input is a 400 (webargs says 422), with every bad field named."""

    DEFAULT_VALIDATION_STATUS = 400


class ApiBlueprint(Blueprint):
    ARGUMENTS_PARSER = Parser()


bp = ApiBlueprint("api", __name__, url_prefix="/api/v1", description=None)


class PageQuery(ma.Schema):
    page = Count(1, MAX_PAGE, load_default=1)
    per_page = Count(1, MAX_PER_PAGE, load_default=25)


class Links(ma.Schema):
    self = ma.fields.String(required=True)
    first = ma.fields.String(required=True)
    last = ma.fields.String(required=True)
    prev = ma.fields.String(required=True, allow_none=True)
    next = ma.fields.String(required=True, allow_none=True)


def page_schema(item: type[ma.Schema]) -> type[ma.Schema]:
    """{"items": [...], "page", "per_page", "pages", "total", "links"}"""
    return type(f"{item.__name__.removesuffix('Schema')}Page", (ma.Schema,), {
        "items": ma.fields.List(ma.fields.Nested(item), required=True),
        "page": ma.fields.Integer(required=True),
        "per_page": ma.fields.Integer(required=True),
        "pages": ma.fields.Integer(required=True),
        "total": ma.fields.Integer(required=True),
        "links": ma.fields.Nested(Links, required=True),
        "Meta": type("Meta", (), {"register": False}),
    })


def update_schema(schema: type[ma.Schema], model: type) -> ma.Schema:
    """Every field optional; audited records also need the `version` the client last read."""
    name = f"{schema.__name__.removesuffix('Schema')}Update"
    if not issubclass(model, Audited):
        return type(name, (schema,), {})(partial=True)
    changed = type(name, (schema,), {
        "version": Count(1, required=True, metadata={"description": "The version this change was based on"}),
    })
    return changed(partial=tuple(field for field in changed().fields if field != "version"))


def stale_edit_error(record, error: history.StaleEdit) -> ApiError:
    changes = [
        {"at": entry.at.isoformat() + "Z", "user": entry.user.name if entry.user else None,
         "action": entry.action.value, "version": entry.version, "changes": entry.changes}
        for entry in error.entries
    ]
    return ApiError(409, _("Someone else changed this record after you read it; read it again."),
                    code="version_conflict", current_version=record.version, changes=changes)


def assign(record, data: dict, _user: User | None = None) -> None:
    """The plain update: each validated field onto the record."""
    for name, value in data.items():
        setattr(record, name, value)


def invalid(field: str, message: str) -> ApiError:
    """A 400 for a value that is only wrong in combination with the record's others."""
    return ApiError(400, _("Some fields are invalid."), fields={field: [message]})


def check_period(record) -> None:
    """A trip or an event does not end before it starts."""
    if record.ends_on < record.starts_on:
        raise invalid("ends_on", _("The last day cannot be before the first."))


def check_actor(field: str, user_id: int | None, current_id: int | None = None) -> None:
    """Records are owned by or assigned to users who can act on them: active, not viewers
    (the present one may stay, as on the pages' forms)."""
    if user_id is None or user_id == current_id:
        return
    user = db.session.get(User, user_id)
    if not user.is_active or not user.has_role(Role.STAFF):
        raise invalid(field, _("This user cannot act on records (inactive, or a viewer)."))


def check_people(field: str, company_id: int, people: list, kept: Collection = ()) -> None:
    """People named on a record are the company's current people (or were on it already)."""
    allowed = set(db.session.scalars(current_people(company_id).with_only_columns(Person.id).order_by(None)))
    strangers = [person.id for person in people if person.id not in allowed and person not in kept]
    if strangers:
        raise invalid(field, _("Not among the company's current people: %(ids)s.", ids=", ".join(map(str, strangers))))


def role_may(role: Role, owner_ids: Callable[[object], Collection[int | None]] | None = None):
    """At least `role`; with `owner_ids`, staff only for their own records (crm/auth/permissions.py)."""

    def check(user: User, record) -> bool:
        if not user.has_role(role):
            return False
        return owner_ids is None or record is None or can_edit_own(user, owner_ids(record))

    return check


@dataclass(frozen=True)
class Resource:
    name: str  # URL segment and OpenAPI tag
    model: type
    schema: type[ma.Schema]  # dumps records and validates new ones
    filters: type[ma.Schema]  # the list's query string, besides page and per_page
    select: Callable[..., sa.Select]  # (filters, user[, event_id]) -> the list; from the area's queries.py
    create: Callable[..., object]  # (data, user[, event]) -> a new record, not yet added
    update: Callable[[object, dict, User], None]  # apply a change (raise ApiError 400 for an invalid one)
    may_write: Callable[[User, object | None], bool]  # record None: creating
    may_delete: Callable[[User, object], bool]
    visible: Callable[[User], sa.ColumnElement[bool]] | None = None  # rows the user may read at all
    refuse_delete: Callable[[object], None] | None = None  # raise ApiError 409 when the record is in use
    in_event: bool = False  # nested under /events/<event_id>/


def load(resource: Resource, record_id: int, event_id: int | None = None):
    """The record the user may see, or 404 (also for another event's record, or an id out of range)."""
    if record_id > INT_MAX:
        raise ApiError(404, _("There is no record with this id."))
    where = [resource.model.id == record_id]
    if resource.visible:
        where.append(resource.visible(current_user))
    if event_id is not None:
        where.append(resource.model.event_id == load_event(event_id).id)
    record = db.session.scalar(sa.select(resource.model).where(*where))
    if record is None:
        raise ApiError(404, _("There is no record with this id."))
    return record


def load_event(event_id: int | None) -> Event | None:
    if event_id is None:
        return None
    event = db.session.get(Event, event_id) if event_id <= INT_MAX else None
    if event is None:
        raise ApiError(404, _("There is no event with this id."))
    return event


def page_payload(pagination, endpoint: str, args: dict, **path) -> dict:
    def link(page: int | None) -> str | None:
        if page is None:
            return None
        query = {name: value for name, value in args.items() if value is not None and name != "page"}
        return url_for(endpoint, page=page, **query, **path)

    return {
        "items": pagination.items, "page": pagination.page, "per_page": pagination.per_page,
        "pages": pagination.pages, "total": pagination.total,
        "links": {
            "self": link(pagination.page), "first": link(1), "last": link(max(pagination.pages, 1)),
            "prev": link(pagination.prev_num), "next": link(pagination.next_num),
        },
    }


def criteria(filter_class, args: dict, **values):
    """The area's filter dataclass (CompanyFilter...) from the validated query string."""
    known = {name: args[name] for name in filter_class.__dataclass_fields__ if name in args}
    return filter_class(**known, **values)


def query_values(args: dict) -> dict:
    """Filter values as they go back into a URL."""
    return {name: getattr(value, "value", value) for name, value in args.items()}


def commit() -> None:
    """Commit, turning a lost race or a duplicate into a 409 rather than a 500."""
    try:
        db.session.commit()
    except (StaleDataError, sa.exc.IntegrityError) as error:
        db.session.rollback()  # before anything else reads from the session
        if isinstance(error, StaleDataError):
            raise ApiError(409, _("Someone else changed this record at the same moment; read it again."),
                           code="version_conflict") from error
        raise ApiError(409, _("This would duplicate or break a link to another record."),
                       code="conflict") from error


def register(resource: Resource) -> None:
    name = resource.name
    endpoint = name.replace("-", "_")
    collection = f"/events/<int:event_id>/{name}" if resource.in_event else f"/{name}"
    item = f"{collection}/<int:record_id>"
    filters = type(f"{resource.schema.__name__.removesuffix('Schema')}Query", (PageQuery, resource.filters), {})
    label = resource.model.__name__
    options = {"tags": [name]}

    def require(allowed: bool) -> None:
        if not allowed:
            raise ApiError(403, _("Your role does not allow this."))

    def list_records(args: dict, event_id: int | None = None):
        load_event(event_id)
        extra = {"event_id": event_id} if resource.in_event else {}
        stmt = resource.select(args, current_user, **extra)
        if resource.visible:
            stmt = stmt.where(resource.visible(current_user))
        pagination = db.paginate(stmt, page=args["page"], per_page=args["per_page"], error_out=False,
                                 max_per_page=MAX_PER_PAGE)
        return page_payload(pagination, f"api.{endpoint}_list", query_values(args), **extra)

    def create_record(data: dict, event_id: int | None = None):
        event = load_event(event_id)
        require(resource.may_write(current_user, None))
        record = resource.create(data, current_user, *([event] if resource.in_event else []))
        db.session.add(record)
        commit()
        return record

    def read_record(record_id: int, event_id: int | None = None):
        return load(resource, record_id, event_id)

    def update_record(data: dict, record_id: int, event_id: int | None = None):
        record = load(resource, record_id, event_id)
        require(resource.may_write(current_user, record))
        if isinstance(record, Audited):
            try:
                history.check_version(record, data.pop("version"))
            except history.StaleEdit as stale:
                raise stale_edit_error(record, stale) from None
        resource.update(record, data, current_user)
        commit()
        return record

    def delete_record(record_id: int, event_id: int | None = None):
        record = load(resource, record_id, event_id)
        require(resource.may_delete(current_user, record))
        if resource.refuse_delete:
            resource.refuse_delete(record)
        if isinstance(record, SoftDeletable):
            history.soft_delete(record, current_user.id)
        else:
            db.session.delete(record)
        commit()
        return "", 204

    list_records.__doc__ = f"List {name}\n\nFiltered like the {name} pages, newest or by name as there; paged."
    create_record.__doc__ = f"Create a {label}"
    read_record.__doc__ = f"Read a {label}"
    update_record.__doc__ = f"Change a {label}\n\nOnly the fields sent change."
    delete_record.__doc__ = f"Delete a {label}" + (
        "\n\nIt goes to the trash, where it can be restored." if issubclass(resource.model, SoftDeletable) else "")

    errors = [(401, "Unauthorized"), (403, "Forbidden"), (429, "Too many requests")]

    def documented(view, *codes):
        for status, description in errors + list(codes):
            view = bp.alt_response(status, schema=Error, description=description)(view)
        return view

    bp.route(collection, methods=["GET"], endpoint=f"{endpoint}_list", **options)(documented(
        bp.response(200, page_schema(resource.schema))(
            bp.arguments(filters, location="query", unknown=ma.EXCLUDE)(list_records)),
        (400, "Invalid filter"), (404, "Not found"),
    ))
    bp.route(collection, methods=["POST"], endpoint=f"{endpoint}_create", **options)(documented(
        bp.response(201, resource.schema)(bp.arguments(resource.schema)(create_record)),
        (400, "Invalid input"), (404, "Not found"), (409, "Conflict"),
    ))
    bp.route(item, methods=["GET"], endpoint=f"{endpoint}_read", **options)(documented(
        bp.response(200, resource.schema)(read_record), (404, "Not found"),
    ))
    bp.route(item, methods=["PATCH"], endpoint=f"{endpoint}_update", **options)(documented(
        bp.response(200, resource.schema)(bp.arguments(update_schema(resource.schema, resource.model))(update_record)),
        (400, "Invalid input"), (404, "Not found"), (409, "Version conflict"),
    ))
    bp.route(item, methods=["DELETE"], endpoint=f"{endpoint}_delete", **options)(documented(
        bp.response(204)(delete_record), (404, "Not found"), (409, "In use"),
    ))
