"""The people list and a person's history, shared by the pages and the export."""
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from crm.companies.queries import contains
from crm.models import Affiliation, Company, Interaction, Person, User, interaction_people


PHONE_PUNCTUATION = " -()+/."


def phone_digits(column) -> sa.ColumnElement[str]:
    """The column without the usual phone punctuation, so '+86 531-8888 1234' matches '88881234'."""
    for char in PHONE_PUNCTUATION:
        column = sa.func.replace(column, char, "")
    return column


def person_list(q: str | None) -> sa.Select:
    stmt = sa.select(Person).options(selectinload(Person.affiliations).joinedload(Affiliation.company))
    if q:
        works_at = (
            sa.select(Affiliation.id)
            .join(Company, Company.id == Affiliation.company_id)
            .where(
                Affiliation.person_id == Person.id,
                sa.or_(contains(Company.name, q), contains(Company.name_local, q)),
            )
            .exists()
        )
        digits = "".join(char for char in q if char.isdigit())
        stmt = stmt.where(sa.or_(
            contains(Person.name, q),
            contains(Person.name_local, q),
            contains(Person.email, q),
            contains(phone_digits(Person.phone), digits) if len(digits) >= 4 else sa.false(),
            works_at,
        ))
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
