"""/api/v1/interactions: logged contacts, as in a company's or a person's history.

Confidential ones are seen only by their author, managers and admins; staff change
and delete their own, managers everyone's."""
import marshmallow as ma
import sqlalchemy as sa
from flask_babel import gettext as _

from crm.api.crud import Resource, assign, check_people, invalid, register, role_may
from crm.api.fields import Ref, RefList, Text, UtcDateTime
from crm.companies.queries import company_history
from crm.models import Channel, Company, Interaction, Person, Role, User, utcnow
from crm.people.queries import person_history


class InteractionSchema(ma.Schema):
    id = ma.fields.Integer(dump_only=True)
    version = ma.fields.Integer(dump_only=True)
    company_id = Ref(Company, required=True)
    occurred_at = UtcDateTime(load_default=utcnow, metadata={"description": "UTC; now when left out"})
    channel = ma.fields.Enum(Channel, by_value=True, required=True)
    summary = Text(10000, required=True)
    outcome = Text(10000)
    people_ids = RefList(Person, attribute="people", load_default=list)
    confidential = ma.fields.Boolean(load_default=False)
    author_id = ma.fields.Integer(dump_only=True)
    office_id = ma.fields.Integer(dump_only=True)
    meeting_id = ma.fields.Integer(dump_only=True, allow_none=True)
    created_at = UtcDateTime(dump_only=True)
    updated_at = UtcDateTime(dump_only=True)


class InteractionFilters(ma.Schema):
    company_id = Ref(Company, metadata={"description": "A company's contact history"})
    person_id = Ref(Person, metadata={"description": "The contacts a person took part in"})


def select(args: dict, user: User) -> sa.Select:
    if args.get("company_id"):
        return company_history(args["company_id"], user)
    if args.get("person_id"):
        return person_history(args["person_id"], user)
    return sa.select(Interaction).order_by(Interaction.occurred_at.desc(), Interaction.id.desc())


def update(interaction: Interaction, data: dict, _user: User) -> None:
    if data.get("company_id", interaction.company_id) != interaction.company_id:
        raise invalid("company_id", _("An interaction stays with its company."))
    if "people" in data:
        check_people("people_ids", interaction.company_id, data["people"], kept=interaction.people)
    assign(interaction, data)


def create(data: dict, user: User) -> Interaction:
    """Logged by the caller, filed under their office."""
    interaction = Interaction(author_id=user.id, office_id=user.office_id, company_id=data["company_id"])
    update(interaction, data, user)
    return interaction


may_change = role_may(Role.STAFF, owner_ids=lambda interaction: [interaction.author_id])

register(Resource(
    name="interactions", model=Interaction, schema=InteractionSchema, filters=InteractionFilters, select=select,
    create=create, update=update, may_write=may_change, may_delete=may_change, visible=Interaction.visible_to_user,
))
