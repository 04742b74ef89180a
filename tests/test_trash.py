"""The trash: deleted records are hidden everywhere, managers restore them with their
links, only admins purge, and a purge is recorded."""
import sqlalchemy as sa

from crm.extensions import db
from crm.models import AuditAction, AuditEntry, Company, FollowUp, Interaction, Person
from crm.services import history
from tests.factories import (
    AffiliationFactory,
    CompanyFactory,
    FollowUpFactory,
    InteractionFactory,
    PersonFactory,
)
from tests.duplicates.test_views import merge_form
from tests.visibility import visible


def trashed_company(manager):
    company = CompanyFactory(name="Qilu Laser")
    interaction = InteractionFactory(company=company)
    FollowUpFactory(company=company, interaction=interaction)
    history.soft_delete(company, manager.id)
    db.session.commit()
    return company


def test_a_trashed_company_is_gone_from_the_list_search_and_its_page(logged_in, manager):
    company = trashed_company(manager)
    assert "Qilu Laser" not in logged_in.get("/companies/?q=Qilu").get_data(as_text=True)
    assert logged_in.get(f"/companies/{company.id}").status_code == 404


def test_a_trashed_company_is_left_out_of_the_export(logged_in, manager):
    trashed_company(manager)
    CompanyFactory(name="Dresden Optics")
    text = logged_in.get("/companies/?format=csv").get_data(as_text=True)
    assert "Dresden Optics" in text and "Qilu Laser" not in text


def test_the_trash_page_lists_what_was_deleted(client, auth, manager):
    trashed_company(manager)
    auth.login(manager)
    assert "Qilu Laser" in client.get("/trash/").get_data(as_text=True)


def test_staff_cannot_see_the_trash(logged_in):
    assert logged_in.get("/trash/").status_code == 403


def test_restoring_a_company_brings_back_what_was_deleted_with_it(client, auth, manager):
    company = trashed_company(manager)
    auth.login(manager)
    response = client.post(f"/trash/companies/{company.id}/restore")
    assert response.headers["Location"] == f"/companies/{company.id}"
    assert visible(Company, company.id) is not None
    assert len(db.session.scalars(sa.select(Interaction)).all()) == 1
    assert len(db.session.scalars(sa.select(FollowUp)).all()) == 1


def test_restoring_leaves_what_was_deleted_separately_in_the_trash(client, auth, manager):
    company = CompanyFactory()
    earlier = InteractionFactory(company=company)
    history.soft_delete(earlier, manager.id)
    history.soft_delete(company, manager.id)
    db.session.commit()
    auth.login(manager)
    client.post(f"/trash/companies/{company.id}/restore")
    assert visible(Interaction, earlier.id) is None


def test_an_interaction_of_a_trashed_company_cannot_be_restored_alone(client, auth, manager):
    company = trashed_company(manager)
    interaction = db.session.scalars(sa.select(Interaction).execution_options(include_deleted=True)).one()
    auth.login(manager)
    response = client.post(f"/trash/interactions/{interaction.id}/restore", follow_redirects=True)
    assert "restore that first" in response.get_data(as_text=True)
    assert visible(Interaction, interaction.id) is None and visible(Company, company.id) is None


def test_a_manager_cannot_purge(client, auth, manager):
    company = trashed_company(manager)
    auth.login(manager)
    assert client.post(f"/trash/companies/{company.id}/purge").status_code == 403


def test_an_admin_purges_a_company_with_its_trashed_interactions(client, auth, manager, admin):
    company = trashed_company(manager)
    auth.login(admin)
    assert client.post(f"/trash/companies/{company.id}/purge").status_code == 302
    everything = sa.select(sa.func.count()).select_from(Interaction).execution_options(include_deleted=True)
    assert db.session.scalar(everything) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Company).execution_options(
        include_deleted=True)) == 0


def test_a_purge_is_recorded_with_the_last_values(client, auth, manager, admin):
    company = trashed_company(manager)
    auth.login(admin)
    client.post(f"/trash/companies/{company.id}/purge")
    entry = db.session.scalar(sa.select(AuditEntry).where(
        AuditEntry.action == AuditAction.PURGE, AuditEntry.entity_type == "companies"))
    assert (entry.user_id, entry.changes["name"]) == (admin.id, ["Qilu Laser", None])


def test_a_live_record_cannot_be_purged(client, auth, admin):
    company = CompanyFactory()
    auth.login(admin)
    assert client.post(f"/trash/companies/{company.id}/purge").status_code == 404
    assert visible(Company, company.id) is not None


def test_a_manager_moves_a_person_to_the_trash_and_off_the_company_page(client, auth, manager):
    company = CompanyFactory()
    person = PersonFactory(name="Katrin Weber")
    AffiliationFactory(company=company, person=person)
    auth.login(manager)
    assert client.post(f"/people/{person.id}/delete").headers["Location"] == "/people/"
    assert visible(Person, person.id) is None
    page = client.get(f"/companies/{company.id}").get_data(as_text=True).split('id="history"')[0]
    assert f'href="/people/{person.id}"' not in page


def test_staff_cannot_delete_a_person(logged_in):
    person = PersonFactory()
    assert logged_in.post(f"/people/{person.id}/delete").status_code == 403


def test_a_merged_away_company_is_no_longer_a_possible_duplicate(client, auth, manager):
    first, second = CompanyFactory(name="Laser GmbH"), CompanyFactory(name="Laser AG")
    history.soft_delete(second, manager.id)
    db.session.commit()
    auth.login(manager)
    page = client.get("/duplicates/").get_data(as_text=True)
    assert f"/duplicates/merge?a={first.id}&amp;b={second.id}" not in page


def test_a_merge_is_logged_as_one_operation_and_the_other_company_can_be_restored(client, auth, manager):
    survivor, other = CompanyFactory(name="Laser GmbH"), CompanyFactory(name="Laser AG", city="Jinan")
    auth.login(manager)
    client.post("/duplicates/merge", data=merge_form(survivor, other, city="b"))
    logged = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.operation_label.is_not(None))).all()
    assert {(e.entity_id, e.action) for e in logged} >= {(survivor.id, AuditAction.UPDATE),
                                                          (other.id, AuditAction.DELETE)}
    assert len({e.operation_id for e in logged}) == 1
    client.post(f"/trash/companies/{other.id}/restore")
    assert visible(Company, other.id) is not None
