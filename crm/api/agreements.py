"""/api/v1/agreements: letters of intent, MoUs and agreements, filtered as on their page.
Managers record them; documents are uploaded on the agreement's page."""
import marshmallow as ma

from crm.api.crud import Resource, assign, criteria, register, role_may
from crm.api.fields import Count, Ref, RefList, Text, UtcDateTime
from crm.agreements.queries import AgreementFilter, agreement_list
from crm.models import Agreement, AgreementKind, AgreementStatus, Company, Office, Role, User


class AgreementSchema(ma.Schema):
    id = ma.fields.Integer(dump_only=True)
    version = ma.fields.Integer(dump_only=True)
    kind = ma.fields.Enum(AgreementKind, by_value=True, required=True)
    title = Text(300, required=True)
    party_ids = RefList(Company, attribute="parties", load_default=list)
    status = ma.fields.Enum(AgreementStatus, by_value=True, load_default=AgreementStatus.DRAFT)
    signed_on = ma.fields.Date(allow_none=True)
    signed_place = Text(200)
    signatories = Text(5000)
    term_ends_on = ma.fields.Date(allow_none=True)
    renewal_on = ma.fields.Date(allow_none=True)
    office_id = Ref(Office)
    summary = Text(20000)
    document_name = ma.fields.String(dump_only=True, allow_none=True)
    created_at = UtcDateTime(dump_only=True)
    updated_at = UtcDateTime(dump_only=True)


class AgreementFilters(ma.Schema):
    q = Text(200, metadata={"description": "Title"})
    year = Count(1990, 2100, allow_none=True, metadata={"description": "Year signed"})
    kind = ma.fields.Enum(AgreementKind, by_value=True, allow_none=True)
    status = ma.fields.Enum(AgreementStatus, by_value=True, allow_none=True)
    office_id = Ref(Office)
    company_id = Ref(Company, metadata={"description": "A party to it"})


def create(data: dict, user: User) -> Agreement:
    agreement = Agreement(office_id=user.office_id)
    assign(agreement, data)
    return agreement


register(Resource(
    name="agreements", model=Agreement, schema=AgreementSchema, filters=AgreementFilters,
    select=lambda args, _user: agreement_list(criteria(AgreementFilter, args)),
    create=create, update=assign, may_write=role_may(Role.MANAGER), may_delete=role_may(Role.MANAGER),
))
