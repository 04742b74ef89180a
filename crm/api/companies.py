"""/api/v1/companies: the company list's search and filters, and the company profile."""
import marshmallow as ma
from flask_babel import gettext as _

from crm.api.crud import Resource, assign, check_actor, criteria, register, role_may
from crm.api.errors import ApiError
from crm.api.fields import Count, Ref, RefList, Text, UtcDateTime
from crm.companies.forms import normalise_website, split_tags
from crm.companies.queries import SORT_COLUMNS, CompanyFilter, company_list
from crm.companies.views import references_blocking_delete, tags_named
from crm.models import Company, CompanyKind, CompanySize, ContactSource, Office, PipelineStatus, Role, Sector, User

COUNTRY = ma.validate.Regexp(r"^[A-Z]{2}$", error="An ISO 3166 country code in capitals, such as DE.")
NO_COMMA = ma.validate.Regexp(r"^[^,]*$", error="A tag name cannot contain a comma.")
SORTS = [prefix + key for key in SORT_COLUMNS for prefix in ("", "-")]


class Website(Text):
    """A web address as the company form takes it: 'www.example.de' gets its https://."""

    def _deserialize(self, value, attr, data, **kwargs):
        website = normalise_website(super()._deserialize(value, attr, data, **kwargs))
        if website and ("." not in website.split("://", 1)[1] or " " in website):
            raise ma.ValidationError(_("Enter a web address such as www.example.de."))
        return website


class CompanySchema(ma.Schema):
    id = ma.fields.Integer(dump_only=True)
    version = ma.fields.Integer(dump_only=True)
    name = Text(200, required=True, metadata={"description": "Name in Latin script"})
    name_local = Text(200, metadata={"description": "Name in the local script, e.g. Chinese"})
    kind = ma.fields.Enum(CompanyKind, by_value=True, load_default=CompanyKind.ENTERPRISE)
    city = Text(100)
    country = Text(2, validate=COUNTRY)
    size = ma.fields.Enum(CompanySize, by_value=True, allow_none=True)
    website = Website(300)
    email = ma.fields.Email(allow_none=True, validate=ma.validate.Length(max=254))
    phone = Text(50)
    description = Text(10000)
    offers = Text(5000)
    seeks = Text(5000)
    cooperation_interests = Text(5000)
    status = ma.fields.Enum(PipelineStatus, by_value=True, load_default=PipelineStatus.NEW)
    source = ma.fields.Enum(ContactSource, by_value=True, allow_none=True)
    owner_id = Ref(User)
    office_id = Ref(Office)
    sector_ids = RefList(Sector, attribute="sectors", load_default=list)
    tags = ma.fields.List(Text(60, required=True, validate=NO_COMMA), load_default=list,
                          metadata={"description": "Tag names; the same name in another case counts once"})
    created_at = UtcDateTime(dump_only=True)
    updated_at = UtcDateTime(dump_only=True)


class CompanyFilters(ma.Schema):
    q = Text(200, metadata={"description": "Name in either script, website, e-mail or a contact's e-mail"})
    city = Text(100)
    country = Text(2, validate=COUNTRY)
    sector_id = Ref(Sector)
    status = ma.fields.Enum(PipelineStatus, by_value=True, allow_none=True)
    owner_id = Ref(User)
    office_id = Ref(Office)
    tag_id = Count(1, allow_none=True)
    sort = ma.fields.String(load_default="name", validate=ma.validate.OneOf(SORTS))


def select(args: dict, _user: User):
    return company_list(criteria(CompanyFilter, args))


def update(company: Company, data: dict, _user: User) -> None:
    check_actor("owner_id", data.get("owner_id"), company.owner_id)
    if "tags" in data:
        company.tags = tags_named(split_tags(",".join(data.pop("tags"))))
    if data.get("email"):
        data["email"] = data["email"].lower()
    assign(company, data)


def create(data: dict, user: User) -> Company:
    """A new company; the caller owns it and their office looks after it unless told otherwise."""
    company = Company(owner_id=user.id, office_id=user.office_id)
    update(company, data, user)
    return company


def refuse_if_used(company: Company) -> None:
    used = references_blocking_delete(company.id)
    if used:
        raise ApiError(409, _("%(name)s was not deleted because it is used: %(places)s.", name=company.name,
                              places="; ".join(label for _kind, label, _url in used)), code="in_use")


register(Resource(
    name="companies", model=Company, schema=CompanySchema, filters=CompanyFilters, select=select,
    create=create, update=update, may_write=role_may(Role.STAFF), may_delete=role_may(Role.MANAGER),
    refuse_delete=refuse_if_used,
))
