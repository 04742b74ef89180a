"""The people list and a person's history, shared by the pages and the export."""
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from crm.models import Affiliation, Interaction, Person, User, interaction_people
from crm.search.queries import matching_ids
from crm.services.search_text import parse_query


def search(text: str) -> sa.ColumnElement[bool]:
    """Through the search index: the person's names in any script and spelling, e-mail and phone
    in any format, or the names of a company they work or worked for. A single letter finds
    the names that start with it."""
    query = parse_query(text)
    if query is None:
        return sa.func.lower(Person.name).startswith(text.lower(), autoescape=True)
    works_at = sa.select(Affiliation.person_id).where(Affiliation.company_id.in_(matching_ids("company", query)))
    return sa.or_(Person.id.in_(matching_ids("person", query)), Person.id.in_(works_at))


def person_list(q: str | None) -> sa.Select:
    stmt = sa.select(Person).options(selectinload(Person.affiliations).joinedload(Affiliation.company))
    if q:
        stmt = stmt.where(search(q))
    return stmt.order_by(Person.name, Person.id)


def person_history(person_id: int, viewer: User | None = None) -> sa.Select:
    """Interactions the person took part in that `viewer` may see (all of them without a
    viewer: the data-protection tools), newest first."""
    stmt = (
        sa.select(Interaction)
        .join(interaction_people, interaction_people.c.interaction_id == Interaction.id)
        .where(interaction_people.c.person_id == person_id)
        .options(joinedload(Interaction.company), joinedload(Interaction.author))
        .order_by(Interaction.occurred_at.desc(), Interaction.id.desc())
    )
    return stmt if viewer is None else stmt.where(Interaction.visible_to_user(viewer))


def last_contact() -> sa.ScalarSelect:
    """When the person last took part in an interaction (None: never)."""
    return (
        sa.select(sa.func.max(Interaction.occurred_at))
        .join(interaction_people, interaction_people.c.interaction_id == Interaction.id)
        .where(interaction_people.c.person_id == Person.id)
        .scalar_subquery()
    )


def retention_review(cutoff: datetime) -> sa.Select:
    """People to review for deletion: no interaction since `cutoff` (naive UTC), on file
    since before it, not erased yet. Rows are (Person, last contact), longest silent first."""
    last = last_contact().label("last_contact")
    return (
        sa.select(Person, last)
        .where(Person.erased_at.is_(None), Person.created_at < cutoff)
        .where(sa.or_(last.is_(None), last < cutoff))
        .options(selectinload(Person.affiliations).joinedload(Affiliation.company))
        .order_by(last.is_not(None), last, Person.name, Person.id)
    )
