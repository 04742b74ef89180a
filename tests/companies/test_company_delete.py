"""Deleting a company: to the trash with its interactions and follow-ups, only when no
other record refers to it, and only by managers."""
import sqlalchemy as sa

from crm.extensions import db
from crm.models import Company, FollowUp, Interaction
from tests.factories import (
    AffiliationFactory,
    CompanyFactory,
    FollowUpFactory,
    InteractionFactory,
    PersonFactory,
    TagFactory,
)


def test_manager_deletes_an_unused_company(client, auth, manager):
    company = CompanyFactory(tags=[TagFactory()])
    auth.login(manager)
    response = client.post(f"/companies/{company.id}/delete")
    assert response.headers["Location"] == "/companies/"
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Company)) == 0


def test_a_company_in_use_is_kept_and_the_message_says_where(client, auth, manager):
    company = CompanyFactory()
    AffiliationFactory(company=company, person=PersonFactory())
    auth.login(manager)
    response = client.post(f"/companies/{company.id}/delete", follow_redirects=True)
    assert "was not deleted because it is used" in response.get_data(as_text=True)
    assert db.session.get(Company, company.id) is not None


def test_a_company_goes_to_the_trash_with_its_interactions_and_follow_ups(client, auth, manager):
    company = CompanyFactory()
    interaction = InteractionFactory(company=company)
    FollowUpFactory(company=company, interaction=interaction)
    auth.login(manager)
    client.post(f"/companies/{company.id}/delete")
    assert db.session.scalars(sa.select(Company)).all() == []
    assert db.session.scalars(sa.select(Interaction)).all() == []
    assert db.session.scalars(sa.select(FollowUp)).all() == []
    kept = db.session.scalars(sa.select(Company).execution_options(include_deleted=True)).one()
    assert kept.deleted_by_id == manager.id


def test_staff_cannot_delete(logged_in):
    company = CompanyFactory()
    assert logged_in.post(f"/companies/{company.id}/delete").status_code == 403


def test_the_company_page_shows_its_agreements_beside_the_history(logged_in):
    from datetime import date

    from crm.models import Agreement, AgreementKind, AgreementStatus

    company = CompanyFactory()
    db.session.add(Agreement(kind=AgreementKind.MOU, title="Memorandum on the incubator", signed_on=date(2016, 1, 20),
                             status=AgreementStatus.ACTIVE, parties=[company]))
    db.session.commit()
    assert "Memorandum on the incubator" in logged_in.get(f"/companies/{company.id}").get_data(as_text=True)
