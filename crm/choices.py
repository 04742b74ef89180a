"""Choices for select fields that come from the database, shared by all forms."""
import sqlalchemy as sa
from wtforms import SelectChoice

from crm.extensions import db
from crm.forms import country_name, select_choices
from crm.models import Affiliation, Company, Office, Person, Role, Sector, Tag, User


def offices(blank_label: str | None = None) -> list[SelectChoice]:
    rows = [(o.id, o.name) for o in db.session.scalars(sa.select(Office).order_by(Office.name))]
    return select_choices(([("", blank_label)] if blank_label is not None else []) + rows)


def active_users(current: User | None = None, blank_label: str | None = None) -> list[SelectChoice]:
    """Users who can own and act on records (not viewers), and the present one even if
    they have left, so editing a record never silently changes it."""
    users = db.session.scalars(
        sa.select(User).where(User.active.is_(True), User.role != Role.VIEWER).order_by(User.name)
    ).all()
    if current is not None and current not in users:
        users.append(current)
    rows = [(u.id, f"{u.name} · {u.office.name}") for u in users]
    return select_choices(([("", blank_label)] if blank_label is not None else []) + rows)


def company_countries(blank_label: str) -> list[SelectChoice]:
    """The countries that have companies, for the list's filter: a handful of options rather than the 250 of
    the edit form, whose rendering alone took a third of the company list's time."""
    codes = db.session.scalars(sa.select(Company.country).where(Company.country.is_not(None)).distinct())
    return select_choices([("", blank_label)] + sorted(((code, country_name(code)) for code in codes),
                                                       key=lambda pair: pair[1]))


def sectors(blank_label: str | None = None) -> list[SelectChoice]:
    rows = [(s.id, s.name) for s in db.session.scalars(sa.select(Sector).order_by(Sector.name))]
    return select_choices(([("", blank_label)] if blank_label is not None else []) + rows)


def tags(blank_label: str) -> list[SelectChoice]:
    rows = [(t.id, t.name) for t in db.session.scalars(sa.select(Tag).order_by(Tag.name))]
    return select_choices([("", blank_label)] + rows)


def company_people(company_id: int, include: list[Person] = (), blank_label: str | None = None) -> list[SelectChoice]:
    """The company's current people, plus `include` (people already on the record,
    even if they have left since)."""
    people = db.session.scalars(
        sa.select(Person)
        .where(
            Person.id.in_(
                sa.select(Affiliation.person_id).where(
                    Affiliation.company_id == company_id, Affiliation.ended_on.is_(None)
                )
            )
        )
        .order_by(Person.name)
    ).all()
    people += [p for p in include if p not in people]
    rows = [(p.id, p.display_name) for p in people]
    return select_choices(([("", blank_label)] if blank_label is not None else []) + rows)
