"""`crm seed-demo`: the demo office."""
from datetime import date

import pytest
import sqlalchemy as sa

from crm.extensions import db
from crm.models import (Company, Event, EventKind, FollowUp, Interaction, Meeting, MeetingRequest, Office, Role, Side,
                        User)
from crm.services import fair, scheduling
from crm.services.demo_office import PASSWORD
from tests.factories import CompanyFactory


@pytest.fixture
def seeded(runner):
    result = runner.invoke(args=["seed-demo", "--seed", "7"])
    assert result.exit_code == 0, result.output
    return result


def count(model, *where) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model).where(*where))


def test_four_offices_each_with_a_manager_and_staff(seeded):
    for office in db.session.scalars(sa.select(Office)):
        roles = {user.role for user in db.session.scalars(sa.select(User).where(User.office == office))}
        assert {Role.MANAGER, Role.STAFF} <= roles, office.name
    assert count(Office) == 4


def test_about_300_companies_with_people_contacts_and_follow_ups(seeded):
    assert 280 <= count(Company) <= 320
    assert count(Interaction) > 1000
    assert count(FollowUp, FollowUp.done_at.is_(None), FollowUp.due_on < date.today()) > 0
    assert count(FollowUp, FollowUp.done_at.is_(None), FollowUp.due_on >= date.today()) > 0
    assert count(Company, Company.name_local.like("济南%")) > 50


def test_the_real_history_is_there(seeded):
    opening = db.session.scalar(
        sa.select(Interaction).where(Interaction.summary.like("Opening of the Dresden office%"))
    )
    assert opening.occurred_at.date() == date(2013, 8, 27)
    assert "Dirk Hilbert" in [person.name for person in opening.people]
    institutions = ["Dresden Technology Center", "Helsinki Business Hub", "Finpro",
                    "Jinan Hi-tech Zone Administrative Committee"]
    for name in institutions:
        assert count(Company, Company.name == name) == 1, name


def test_the_2015_fair_has_registrations_a_valid_optimal_schedule_and_outcomes(seeded):
    event = db.session.scalar(sa.select(Event).where(Event.kind == EventKind.FAIR))
    sides = [p.side for p in event.participants]
    assert (event.starts_on, sides.count(Side.A), sides.count(Side.B)) == (date(2015, 9, 22), 22, 62)
    meetings = db.session.scalars(sa.select(Meeting).where(Meeting.event_id == event.id)).all()
    requests = db.session.scalars(sa.select(MeetingRequest).where(MeetingRequest.event_id == event.id)).all()
    built = fair.build_instance(len(fair.grid_of(event)), event.tables, event.participants, requests)
    assert scheduling.check_schedule(built.instance, map(fair.as_scheduled, meetings)) == []
    assert event.last_schedule["objective"] == event.last_schedule["bound"]
    assert event.last_schedule["placed"] == len(meetings) > 100
    with_outcome = [m for m in meetings if m.outcome is not None]
    assert len(meetings) > len(with_outcome) > len(meetings) // 2
    filed = count(Interaction, Interaction.meeting_id.in_([m.id for m in with_outcome]))
    assert filed >= 2 * len(with_outcome)


def test_the_same_seed_gives_the_same_companies(runner, seeded):
    first = db.session.scalars(sa.select(Company.name).order_by(Company.id)).all()
    assert runner.invoke(args=["seed-demo", "--seed", "7", "--force"]).exit_code == 0
    assert db.session.scalars(sa.select(Company.name).order_by(Company.id)).all() == first


def test_a_non_empty_database_is_refused_without_force(runner):
    CompanyFactory(name="Precious Data GmbH")
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 1 and "not empty" in result.output
    assert db.session.scalars(sa.select(Company.name)).all() == ["Precious Data GmbH"]


def test_if_empty_on_a_seeded_database_changes_nothing_and_prints_the_logins(runner, seeded):
    before = count(Company)
    result = runner.invoke(args=["seed-demo", "--if-empty"])
    assert result.exit_code == 0
    assert "manager.dresden@jadebridge.eu" in result.output and PASSWORD in result.output
    assert count(Company) == before


def test_a_demo_login_works(client, seeded):
    response = client.post("/login", data={"email": "staff.dresden@jadebridge.eu", "password": PASSWORD})
    assert response.headers["Location"] == "/"
    assert "Jonas Becker" in client.get("/").get_data(as_text=True)


@pytest.fixture
def scaled(runner):
    result = runner.invoke(args=["seed-demo", "--seed", "7", "--scale", "0.05"])
    assert result.exit_code == 0, result.output
    return result


def test_scale_adds_companies_people_contacts_fairs_and_delegations_in_proportion(scaled):
    from crm.models import Delegation, Event, Meeting, Person

    demo_companies = 300 + 10  # the demo office and its institutions
    assert count(Company) == demo_companies + 50
    assert count(Person) > 100
    assert count(Interaction) > 1000
    scale_fair = db.session.scalar(sa.select(Event.id).where(Event.name.like("%Matchmaking Fair%")))
    assert count(Meeting, Meeting.event_id == scale_fair) == 100
    assert count(Delegation) >= 1 + 1
    assert "companies" in scaled.output


def test_after_scale_the_app_creates_records_with_free_ids(scaled):
    company = CompanyFactory(name="Created After The Bulk Load GmbH")
    db.session.commit()
    assert company.id > db.session.scalar(sa.select(sa.func.max(Company.id)).where(Company.id != company.id))


def test_scale_must_be_positive(runner):
    result = runner.invoke(args=["seed-demo", "--scale", "0"])
    assert result.exit_code == 2
