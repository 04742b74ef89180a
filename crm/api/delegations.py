"""/api/v1/delegations: trips, filtered as on the delegations page. Managers plan them."""
import marshmallow as ma

from crm.api.crud import Resource, assign, check_period, criteria, register, role_may
from crm.api.fields import Count, Ref, Text, UtcDateTime
from crm.delegations.queries import DelegationFilter, delegation_list
from crm.models import Company, Delegation, DelegationStatus, Direction, Office, Person, Role, User


class DelegationSchema(ma.Schema):
    id = ma.fields.Integer(dump_only=True)
    version = ma.fields.Integer(dump_only=True)
    name = Text(200, required=True)
    direction = ma.fields.Enum(Direction, by_value=True, load_default=Direction.OUTBOUND)
    host_cities = Text(300, metadata={"description": "e.g. Dresden, Stuttgart"})
    starts_on = ma.fields.Date(required=True)
    ends_on = ma.fields.Date(required=True)
    purpose = Text(10000)
    leading_institution_id = Ref(Company)
    head_id = Ref(Person)
    office_id = Ref(Office)
    responsible_id = Ref(User)
    status = ma.fields.Enum(DelegationStatus, by_value=True, load_default=DelegationStatus.PLANNED)
    member_company_ids = ma.fields.Method("member_companies", dump_only=True)
    created_at = UtcDateTime(dump_only=True)
    updated_at = UtcDateTime(dump_only=True)

    def member_companies(self, delegation: Delegation) -> list[int]:
        return [member.company_id for member in delegation.members]


class DelegationFilters(ma.Schema):
    q = Text(200, metadata={"description": "Name"})
    year = Count(1900, 2200, allow_none=True)
    status = ma.fields.Enum(DelegationStatus, by_value=True, allow_none=True)
    direction = ma.fields.Enum(Direction, by_value=True, allow_none=True)
    office_id = Ref(Office)


def update(delegation: Delegation, data: dict, _user: User) -> None:
    assign(delegation, data)
    check_period(delegation)


def create(data: dict, user: User) -> Delegation:
    delegation = Delegation(office_id=user.office_id, responsible_id=user.id)
    update(delegation, data, user)
    return delegation


register(Resource(
    name="delegations", model=Delegation, schema=DelegationSchema, filters=DelegationFilters,
    select=lambda args, _user: delegation_list(criteria(DelegationFilter, args)),
    create=create, update=update, may_write=role_may(Role.MANAGER), may_delete=role_may(Role.MANAGER),
))
