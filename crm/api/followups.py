"""/api/v1/follow-ups: next steps owed to companies, listed as on the follow-up page.

Staff change and close the ones assigned to or made by them; managers everyone's.
Sending `"done": true` closes one and files its outcome in the company's history."""
import marshmallow as ma
from flask_babel import gettext as _

from crm.api.crud import Resource, check_actor, check_people, criteria, invalid, register, role_may
from crm.api.errors import ApiError
from crm.api.fields import Ref, Text, UtcDateTime
from crm.clock import local_today
from crm.extensions import db
from crm.followups.queries import Due, FollowUpFilter, Scope, follow_up_list
from crm.models import Company, FollowUp, Office, Person, PipelineStatus, Role, User, utcnow
from crm.services.followups import change_follow_up, complete_follow_up, plan_follow_up


class FollowUpSchema(ma.Schema):
    id = ma.fields.Integer(dump_only=True)
    version = ma.fields.Integer(dump_only=True)
    company_id = Ref(Company, required=True)
    person_id = Ref(Person)
    next_step = Text(500, required=True)
    due_on = ma.fields.Date(required=True)
    assignee_id = Ref(User, metadata={"description": "The caller when left out"})
    done = ma.fields.Boolean(metadata={"description": "true closes the follow-up; it cannot be reopened"})
    outcome_note = Text(10000, metadata={"description": "What came of it, when closing"})
    office_id = ma.fields.Integer(dump_only=True)
    interaction_id = ma.fields.Integer(dump_only=True, allow_none=True)
    created_by_id = ma.fields.Integer(dump_only=True)
    done_at = UtcDateTime(dump_only=True, allow_none=True)
    done_by_id = ma.fields.Integer(dump_only=True, allow_none=True)
    created_at = UtcDateTime(dump_only=True)
    updated_at = UtcDateTime(dump_only=True)

    @ma.post_dump(pass_original=True)
    def done_flag(self, data, follow_up, **_kwargs):
        data["done"] = not follow_up.is_open
        return data


class FollowUpFilters(ma.Schema):
    scope = ma.fields.Enum(Scope, by_value=True, load_default=Scope.MINE)
    office_id = Ref(Office, metadata={"description": "With scope=office; the caller's office when left out"})
    due = ma.fields.Enum(Due, by_value=True, load_default=Due.OPEN)
    date_from = ma.fields.Date(allow_none=True)
    date_to = ma.fields.Date(allow_none=True)
    status = ma.fields.Enum(PipelineStatus, by_value=True, allow_none=True,
                            metadata={"description": "The company's pipeline status"})


def select(args: dict, user: User):
    return follow_up_list(criteria(
        FollowUpFilter, {**args, "office_id": args.get("office_id") or user.office_id},
        user_id=user.id, today=local_today(), sees_confidential=user.is_manager,
    ))


def check(data: dict, company_id: int, follow_up: FollowUp | None = None) -> None:
    """The pages' rules: an assignee who can act on it, a contact person of the company."""
    check_actor("assignee_id", data.get("assignee_id"), follow_up.assignee_id if follow_up else None)
    if data.get("person_id"):
        person = db.session.get(Person, data["person_id"])
        check_people("person_id", company_id, [person], kept=[follow_up.person] if follow_up else [])


def update(follow_up: FollowUp, data: dict, user: User) -> None:
    if not follow_up.is_open:
        raise ApiError(409, _("This follow-up is done and can no longer be changed."), code="done")
    if data.get("company_id", follow_up.company_id) != follow_up.company_id:
        raise invalid("company_id", _("A follow-up stays with its company."))
    check(data, follow_up.company_id, follow_up)
    person_id = data.get("person_id", follow_up.person_id)
    change_follow_up(
        follow_up, data.get("next_step", follow_up.next_step), data.get("due_on", follow_up.due_on),
        assignee=db.session.get(User, data.get("assignee_id") or follow_up.assignee_id),
        person=db.session.get(Person, person_id) if person_id else None,
    )
    if data.get("done"):
        db.session.add(complete_follow_up(follow_up, user, data.get("outcome_note"), utcnow()))


def create(data: dict, user: User) -> FollowUp:
    check(data, data["company_id"])
    follow_up = plan_follow_up(
        db.session.get(Company, data["company_id"]), data["next_step"], data["due_on"],
        assignee=db.session.get(User, data.get("assignee_id") or user.id), created_by=user,
        person=db.session.get(Person, data["person_id"]) if data.get("person_id") else None,
    )
    if data.get("done"):
        db.session.add(complete_follow_up(follow_up, user, data.get("outcome_note"), utcnow()))
    return follow_up


may_change = role_may(Role.STAFF, owner_ids=lambda follow_up: {follow_up.assignee_id, follow_up.created_by_id})

register(Resource(
    name="follow-ups", model=FollowUp, schema=FollowUpSchema, filters=FollowUpFilters, select=select,
    create=create, update=update, may_write=may_change, may_delete=may_change,
))
