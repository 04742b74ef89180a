"""The people list and a person's history, shared by the pages and the export."""
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


def person_history(person_id: int, viewer: User) -> sa.Select:
    """Interactions the person took part in that `viewer` may see, newest first."""
    return (
        sa.select(Interaction)
        .join(interaction_people, interaction_people.c.interaction_id == Interaction.id)
        .where(interaction_people.c.person_id == person_id, Interaction.visible_to_user(viewer))
        .options(joinedload(Interaction.company), joinedload(Interaction.author))
        .order_by(Interaction.occurred_at.desc(), Interaction.id.desc())
    )
