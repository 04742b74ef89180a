"""Where a company is used, so that deleting it can be refused with a useful message.

    for kind, label, url in company_references(company.id): ...

Interactions and follow-ups are counted (a company may have hundreds); people,
fairs, delegations, visits and agreements are named one by one. A fixed number of
statements, whatever the counts. `url` is None where the page does not exist (yet).
"""
import sqlalchemy as sa
from flask import url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import ngettext
from werkzeug.routing import BuildError

from crm.extensions import db
from crm.models import (
    Affiliation,
    Agreement,
    Delegation,
    DelegationMember,
    Event,
    FollowUp,
    Interaction,
    Participant,
    Person,
    Visit,
    agreement_parties,
)


def _url(endpoint: str, **values) -> str | None:
    try:
        return url_for(endpoint, **values)
    except BuildError:
        return None


def company_references(company_id: int) -> list[tuple[str, str, str | None]]:
    """(kind, label, url) for every record that refers to the company; empty when none."""
    found: list[tuple[str, str, str | None]] = []
    company_page = _url("companies.detail", company_id=company_id)

    interactions = db.session.scalar(
        sa.select(sa.func.count()).select_from(Interaction).where(Interaction.company_id == company_id))
    if interactions:
        found.append(("interactions", ngettext("%(num)d interaction", "%(num)d interactions", interactions),
                      company_page))
    follow_ups = db.session.scalar(
        sa.select(sa.func.count()).select_from(FollowUp).where(FollowUp.company_id == company_id))
    if follow_ups:
        found.append(("follow_ups", ngettext("%(num)d follow-up", "%(num)d follow-ups", follow_ups), company_page))

    for person_id, name in db.session.execute(
        sa.select(Person.id, Person.name).join(Affiliation, Affiliation.person_id == Person.id)
        .where(Affiliation.company_id == company_id).order_by(Person.name).distinct()
    ):
        found.append(("people", _("Person: %(name)s", name=name), _url("people.detail", person_id=person_id)))

    for event_id, name in db.session.execute(
        sa.select(Event.id, Event.name).join(Participant, Participant.event_id == Event.id)
        .where(Participant.company_id == company_id).order_by(Event.starts_on, Event.id)
    ):
        found.append(("participants", _("Takes part in %(event)s", event=name),
                      _url("events.detail", event_id=event_id)))

    for delegation_id, name in db.session.execute(
        sa.select(Delegation.id, Delegation.name).where(Delegation.leading_institution_id == company_id)
        .order_by(Delegation.starts_on, Delegation.id)
    ):
        found.append(("delegations", _("Leads the delegation %(name)s", name=name),
                      _url("delegations.detail", delegation_id=delegation_id)))

    for delegation_id, name in db.session.execute(
        sa.select(Delegation.id, Delegation.name)
        .join(DelegationMember, DelegationMember.delegation_id == Delegation.id)
        .where(DelegationMember.company_id == company_id).order_by(Delegation.starts_on, Delegation.id)
    ):
        found.append(("delegation_members", _("Member of the delegation %(name)s", name=name),
                      _url("delegations.detail", delegation_id=delegation_id)))

    for delegation_id, name, starts_at in db.session.execute(
        sa.select(Delegation.id, Delegation.name, Visit.starts_at).join(Visit, Visit.delegation_id == Delegation.id)
        .where(Visit.host_company_id == company_id).order_by(Visit.starts_at, Visit.id)
    ):
        day = format_date(starts_at, "medium")
        found.append(("visits", _("Hosts a visit of %(name)s on %(day)s", name=name, day=day),
                      _url("delegations.detail", delegation_id=delegation_id)))

    for agreement_id, title in db.session.execute(
        sa.select(Agreement.id, Agreement.title)
        .join(agreement_parties, agreement_parties.c.agreement_id == Agreement.id)
        .where(agreement_parties.c.company_id == company_id).order_by(Agreement.signed_on, Agreement.id)
    ):
        found.append(("agreements", _("Party to %(title)s", title=title),
                      _url("agreements.detail", agreement_id=agreement_id)))
    return found
