"""factory_boy factories: each builds a valid, committed record."""
from datetime import date, datetime, timedelta

import factory
from factory.alchemy import SQLAlchemyModelFactory

from crm.extensions import db
from crm.models import (
    Affiliation,
    Channel,
    Company,
    FollowUp,
    Interaction,
    Office,
    Person,
    Role,
    Sector,
    Tag,
    User,
    WebhookEndpoint,
    WebhookEvent,
)

PASSWORD = "correct horse battery"


class BaseFactory(SQLAlchemyModelFactory):
    class Meta:
        abstract = True
        sqlalchemy_session_factory = lambda: db.session  # noqa: E731
        sqlalchemy_session_persistence = "commit"


class OfficeFactory(BaseFactory):
    class Meta:
        model = Office
        sqlalchemy_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Office {n}")
    city = "Dresden"
    country = "DE"
    timezone = "Europe/Berlin"


class UserFactory(BaseFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"user{n}@office.jadebridge.org")
    name = factory.Sequence(lambda n: f"User {n}")
    role = Role.STAFF
    office = factory.SubFactory(OfficeFactory)
    password_hash = factory.LazyFunction(lambda: _hashed(PASSWORD))


def _hashed(password: str) -> str:
    from werkzeug.security import generate_password_hash

    return generate_password_hash(password, method="pbkdf2:sha256:1000")


class SectorFactory(BaseFactory):
    class Meta:
        model = Sector
        sqlalchemy_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Sector {n}")


class TagFactory(BaseFactory):
    class Meta:
        model = Tag
        sqlalchemy_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"tag{n}")


class CompanyFactory(BaseFactory):
    class Meta:
        model = Company

    name = factory.Sequence(lambda n: f"Company {n} GmbH")
    city = "Dresden"
    country = "DE"


class PersonFactory(BaseFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n}")
    email = factory.Sequence(lambda n: f"person{n}@example.de")


class AffiliationFactory(BaseFactory):
    class Meta:
        model = Affiliation

    person = factory.SubFactory(PersonFactory)
    company = factory.SubFactory(CompanyFactory)
    title = "Managing Director"
    is_primary = True


class InteractionFactory(BaseFactory):
    class Meta:
        model = Interaction

    company = factory.SubFactory(CompanyFactory)
    author = factory.SubFactory(UserFactory)
    office = factory.SelfAttribute("author.office")
    occurred_at = factory.LazyFunction(lambda: datetime(2026, 11, 20, 9, 30))
    channel = Channel.CALL
    summary = "Talked about the next fair."


class WebhookEndpointFactory(BaseFactory):
    class Meta:
        model = WebhookEndpoint

    url = factory.Sequence(lambda n: f"https://hooks{n}.example.com/jadebridge")
    secret = factory.Sequence(lambda n: f"secret-{n}")
    events = factory.LazyFunction(lambda: [event.value for event in WebhookEvent])


class FollowUpFactory(BaseFactory):
    class Meta:
        model = FollowUp

    company = factory.SubFactory(CompanyFactory)
    assignee = factory.SubFactory(UserFactory)
    office = factory.SelfAttribute("assignee.office")
    created_by = factory.SelfAttribute("assignee")
    next_step = "Send the fair brochure"
    due_on = factory.LazyFunction(lambda: date.today() + timedelta(days=3))


def records_of_later_areas(owner: User, company: Company) -> dict:
    """URL arguments for the pages of the later areas: a relation of `company`, an import batch
    with a failed row, a saved view shared with everyone, a company in the trash, a read-only API token and a
    webhook endpoint with a delivery, all `owner`'s (for the sweeps that request every URL rule)."""
    from crm.models import (CompanyRelation, ImportBatch, RelationKind, SavedView, TokenScope, Visibility,
                            WebhookDelivery, utcnow)
    from crm.services import api_tokens, history

    relation = CompanyRelation(company=company, related=CompanyFactory(), kind=RelationKind.PARTNER_OF)
    batch = ImportBatch(filename="companies.csv", imported_by=owner, changes=[],
                        failed={"headers": ["name"], "rows": [{"row": 2, "cells": [""], "error": "name: missing"}]})
    view = SavedView(owner=owner, office_id=owner.office_id, name="Partners", list_name="companies",
                     query="status=partner", visibility=Visibility.EVERYONE)
    trashed = CompanyFactory(name="Trashed GmbH")
    # Port 9 on loopback refuses at once, so retrying the delivery needs no network.
    endpoint = WebhookEndpointFactory(url="https://127.0.0.1:9/hook")
    delivery = WebhookDelivery(endpoint=endpoint, event_id="sweep", event=WebhookEvent.COMPANY_CREATED, body="{}")
    db.session.add_all([relation, batch, view, delivery])
    db.session.commit()
    history.soft_delete(trashed, owner.id)
    token, _secret = api_tokens.issue(owner, "Sweep", TokenScope.READ, utcnow(), None)
    db.session.add(token)
    db.session.commit()
    return {"relation_id": relation.id, "batch_id": batch.id, "view_id": view.id, "entity_type": "companies",
            "record_id": trashed.id, "token_id": token.id, "endpoint_id": endpoint.id, "delivery_id": delivery.id}
