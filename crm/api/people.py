"""/api/v1/people: contact persons, searched as on the people page, with their positions."""
import marshmallow as ma

from crm.api.crud import Resource, assign, register, role_may
from crm.api.fields import Ref, Text, UtcDateTime
from crm.models import Company, Person, Role, User
from crm.people.forms import LANGUAGES
from crm.people.queries import person_list
from crm.people.views import place_at


class AffiliationSchema(ma.Schema):
    company_id = ma.fields.Integer()
    title = ma.fields.String(allow_none=True)
    is_primary = ma.fields.Boolean()
    started_on = ma.fields.Date(allow_none=True)
    ended_on = ma.fields.Date(allow_none=True, metadata={"description": "Set for a past position"})


class PersonSchema(ma.Schema):
    id = ma.fields.Integer(dump_only=True)
    version = ma.fields.Integer(dump_only=True)
    name = Text(200, required=True, metadata={"description": "Name in Latin script"})
    name_local = Text(200)
    email = ma.fields.Email(allow_none=True, validate=ma.validate.Length(max=254))
    phone = Text(50)
    wechat_id = Text(100)
    linkedin = Text(300)
    preferred_language = ma.fields.String(
        allow_none=True, validate=ma.validate.OneOf([code for code, _label in LANGUAGES if code]))
    notes = Text(10000)
    company_id = Ref(Company, load_only=True, metadata={
        "description": "Makes this company the person's current position; a move keeps the old one as past"})
    title = Text(200, load_only=True, metadata={"description": "Title at company_id"})
    affiliations = ma.fields.List(ma.fields.Nested(AffiliationSchema), dump_only=True)
    created_at = UtcDateTime(dump_only=True)
    updated_at = UtcDateTime(dump_only=True)


class PersonFilters(ma.Schema):
    q = Text(200, metadata={"description": "Name, e-mail, phone digits or a company they work for"})


def select(args: dict, _user: User):
    return person_list(args.get("q"))


def update(person: Person, data: dict, _user: User) -> None:
    if "company_id" in data or "title" in data:
        primary = person.primary_affiliation
        place_at(person, data.pop("company_id", primary.company_id if primary else None),
                 data.pop("title", primary.title if primary else None))
    if data.get("email"):
        data["email"] = data["email"].lower()
    assign(person, data)


def create(data: dict, user: User) -> Person:
    person = Person()
    update(person, data, user)
    return person


register(Resource(
    name="people", model=Person, schema=PersonSchema, filters=PersonFilters, select=select,
    create=create, update=update, may_write=role_may(Role.STAFF), may_delete=role_may(Role.MANAGER),
))
