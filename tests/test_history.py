"""The audit trail: every create, update and delete of an audited record is written by
the session listener, with who, when and each field's old and new value."""
from datetime import date

import pytest
import sqlalchemy as sa

from crm.extensions import db
from crm.models import Affiliation, AuditAction, AuditEntry, PipelineStatus
from crm.services import history
from tests.delegations.factories import AgreementFactory, DelegationFactory, EventFactory
from tests.events.factories import MeetingFactory
from tests.factories import (
    CompanyFactory,
    FollowUpFactory,
    InteractionFactory,
    PersonFactory,
    TagFactory,
    UserFactory,
)


def entries(entity_type="companies"):
    return db.session.scalars(
        sa.select(AuditEntry).where(AuditEntry.entity_type == entity_type).order_by(AuditEntry.id)).all()


def test_creating_a_record_logs_its_values():
    CompanyFactory(name="Qilu Laser", status=PipelineStatus.CONTACTED)
    (entry,) = entries()
    assert entry.action is AuditAction.CREATE
    assert (entry.changes["name"], entry.changes["status"]) == ([None, "Qilu Laser"], [None, "contacted"])


def test_an_update_logs_old_and_new_values():
    company = CompanyFactory(name="Qilu Laser")
    company.name = "Qilu Laser Co."
    db.session.commit()
    assert entries()[-1].changes == {"name": ["Qilu Laser", "Qilu Laser Co."]}


def test_an_update_after_a_commit_still_knows_the_old_value():
    company = CompanyFactory(name="Qilu Laser")
    db.session.expire_all()
    company.name = "Qilu"
    db.session.commit()
    assert entries()[-1].changes["name"] == ["Qilu Laser", "Qilu"]


def test_dates_are_logged_as_text():
    follow_up = FollowUpFactory(due_on=date(2026, 12, 1))
    follow_up.due_on = date(2026, 12, 3)
    db.session.commit()
    assert entries("follow_ups")[-1].changes["due_on"] == ["2026-12-01", "2026-12-03"]


def test_a_changed_link_is_logged_by_name_not_id():
    company = CompanyFactory(owner=UserFactory(name="Anna Weber"))
    company.owner = UserFactory(name="Li Wei")
    db.session.commit()
    assert entries()[-1].changes["owner_id"] == ["Anna Weber", "Li Wei"]


def test_a_changed_tag_list_is_logged_and_raises_the_version():
    company = CompanyFactory()
    company.tags = [TagFactory(name="laser")]
    db.session.commit()
    assert entries()[-1].changes == {"tags": [[], ["laser"]]}
    assert company.version == 2


def test_one_transaction_makes_one_entry_per_record():
    company = CompanyFactory(name="A", city=None)
    company.name = "B"
    db.session.flush()
    company.city = "Jinan"
    db.session.commit()
    assert len(entries()) == 2
    assert entries()[-1].changes == {"name": ["A", "B"], "city": [None, "Jinan"]}


def test_changes_outside_a_request_are_attributed_to_the_system():
    CompanyFactory()
    assert (entries()[0].user_id, entries()[0].origin) == (None, "system")


def test_an_operation_groups_its_changes_under_one_label():
    first, second = CompanyFactory(), CompanyFactory()
    with history.operation("Bulk edit"):
        first.city = second.city = "Jinan"
        db.session.flush()
    db.session.commit()
    updates = [e for e in entries() if e.action is AuditAction.UPDATE]
    assert {e.operation_label for e in updates} == {"Bulk edit"}
    assert len({e.operation_id for e in updates}) == 1


def test_an_interaction_shows_in_its_companys_history():
    interaction = InteractionFactory(summary="Called about the fair")
    listed = db.session.scalars(history.history_of(interaction.company)).all()
    assert "interactions" in {entry.entity_type for entry in listed}


def test_the_company_page_shows_who_changed_what(client, auth, manager):
    company = CompanyFactory(name="Qilu Laser", city="Jinan")
    auth.login(manager)
    client.post(f"/companies/{company.id}/edit", data={
        "name": "Qilu Laser", "city": "Zibo", "kind": "enterprise", "status": "new", "version": company.version})
    page = " ".join(client.get(f"/companies/{company.id}").get_data(as_text=True).split())
    assert manager.name in page and "<del>Jinan</del> → Zibo" in page


@pytest.mark.parametrize("make, url", [
    (lambda: CompanyFactory(name="Logged record"), "/companies/{id}"),
    (lambda: PersonFactory(name="Logged record"), "/people/{id}"),
    (lambda: EventFactory(name="Logged record"), "/events/{id}"),
    (lambda: DelegationFactory(name="Logged record"), "/delegations/{id}"),
    (lambda: AgreementFactory(title="Logged record"), "/agreements/{id}"),
])
def test_each_record_page_has_a_history_section(logged_in, make, url):
    record = make()
    page = logged_in.get(url.format(id=record.id)).get_data(as_text=True)
    history_part = page[page.index('id="history"'):]
    assert "Created" in history_part and "Logged record" in history_part


def test_a_meeting_change_shows_in_its_events_history(logged_in):
    meeting = MeetingFactory()
    meeting.table_number = 7
    db.session.commit()
    listed = db.session.scalars(history.history_of(meeting.event)).all()
    assert any(entry.changes.get("table_number", [None])[-1] == 7 for entry in listed)


def test_adding_a_person_to_a_company_does_not_count_as_a_change_to_the_company():
    company, person = CompanyFactory(), PersonFactory()
    company.affiliations.append(Affiliation(person=person))
    db.session.commit()
    assert company.version == 1 and [e.action for e in entries()] == [AuditAction.CREATE]
