"""Import batches: every import is recorded; a manager undoes one (except what changed or was
used since); the rows that failed come back as a spreadsheet with an error column."""
import io

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from crm.extensions import db
from crm.models import Company, ImportBatch, Person
from tests.factories import CompanyFactory, InteractionFactory, SectorFactory
from tests.imports.conftest import company_names

TWO = "name,city,contact_name,contact_email\nLaser GmbH,Dresden,Anna Schmidt,anna@laser.de\nOptics AG,Jena,,\n"


@pytest.fixture
def imported(client, auth, staff, manager, upload):
    """Import a file as staff, then act as the manager; returns the batch."""

    def run(text: str, **decisions):
        auth.login(staff)
        upload(text.encode())
        client.post("/import/confirm", data={"on_errors": "skip", **decisions})
        auth.logout()
        auth.login(manager)
        return db.session.scalars(sa.select(ImportBatch).order_by(ImportBatch.id.desc())).first()

    return run


def count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_an_import_is_recorded_with_who_what_and_its_counts(client, imported, staff):
    batch = imported(TWO)
    assert (batch.filename, batch.imported_by, batch.rows, batch.created_count) == ("companies.csv", staff, 2, 2)
    page = client.get("/import/batches").get_data(as_text=True)
    assert "companies.csv" in page and staff.name in page


def test_undo_moves_the_companies_and_people_it_created_to_the_trash(client, imported):
    batch = imported(TWO)
    response = client.post(f"/import/batches/{batch.id}/undo", follow_redirects=True)
    assert "Import undone: 4 changes reverted, 0 records kept." in response.get_data(as_text=True)
    assert company_names() == [] and count(Person) == 0
    trashed = db.session.scalars(sa.select(Company.name).order_by(Company.id).execution_options(include_deleted=True))
    assert trashed.all() == ["Laser GmbH", "Optics AG"]


def test_undo_restores_the_fields_and_links_an_update_changed(client, imported):
    existing = CompanyFactory(name="Laser GmbH", city="Dresden", phone=None, sectors=[SectorFactory(name="Optics")])
    batch = imported("name,city,phone,sector\nLaser AG,Leipzig,0351 1,Lasers\n",
                     **{"decision-2": f"update-{existing.id}", "overwrite-2": ["city"]})
    db.session.refresh(existing)
    assert (existing.city, existing.phone, len(existing.sectors)) == ("Leipzig", "0351 1", 2)

    client.post(f"/import/batches/{batch.id}/undo")

    db.session.refresh(existing)
    assert (existing.city, existing.phone, [s.name for s in existing.sectors]) == ("Dresden", None, ["Optics"])


def test_a_company_edited_after_the_import_is_kept_and_named(client, imported):
    batch = imported(TWO)
    laser = db.session.scalar(sa.select(Company).where(Company.name == "Laser GmbH"))
    laser.phone = "+49 351 999"
    db.session.commit()

    page = client.post(f"/import/batches/{batch.id}/undo", follow_redirects=True).get_data(as_text=True)

    assert company_names() == ["Laser GmbH"]
    assert count(Person) == 1  # its contact stays with it
    assert "Laser GmbH: changed after the import" in page


def test_a_company_with_a_contact_logged_since_is_kept(client, imported, staff):
    batch = imported(TWO)
    optics = db.session.scalar(sa.select(Company).where(Company.name == "Optics AG"))
    InteractionFactory(company=optics, author=staff)

    client.post(f"/import/batches/{batch.id}/undo")

    assert company_names() == ["Optics AG"]
    assert db.session.get(ImportBatch, batch.id).undo_report == [["Optics AG", "now used: 1 interaction"]]


def test_an_import_is_undone_once(client, imported):
    batch = imported(TWO)
    client.post(f"/import/batches/{batch.id}/undo")
    CompanyFactory(name="Laser GmbH")
    response = client.post(f"/import/batches/{batch.id}/undo", follow_redirects=True)
    assert "This import was already undone." in response.get_data(as_text=True)
    assert company_names() == ["Laser GmbH"]


def test_staff_cannot_undo(client, auth, imported, staff):
    batch = imported(TWO)
    auth.logout()
    auth.login(staff)
    assert client.post(f"/import/batches/{batch.id}/undo").status_code == 403
    assert len(company_names()) == 2


def test_failed_rows_come_back_with_an_error_column_and_import_again(client, imported, upload):
    batch = imported("name,email\nGood GmbH,\nBad AG,not-an-address\n")
    response = client.get(f"/import/batches/{batch.id}/failed?format=xlsx")
    sheet = load_workbook(io.BytesIO(response.data)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == ["name", "email", "error"]
    assert rows[1][:2] == ["Bad AG", "not-an-address"] and "email" in rows[1][2]

    rows[1][1] = "info@bad.de"  # fixed
    fixed = "\n".join(",".join(str(v) for v in row) for row in rows).encode()
    upload(fixed, "fixed.csv")
    client.post("/import/confirm", data={"on_errors": "abort"})
    assert company_names() == ["Good GmbH", "Bad AG"]


def test_a_batch_without_failed_rows_has_no_download(client, imported):
    batch = imported(TWO)
    assert client.get(f"/import/batches/{batch.id}/failed").status_code == 404
