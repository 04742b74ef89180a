"""The import pages: upload, map columns, preview, confirm; nothing is written before the confirm."""
import io
import os

import pytest
from openpyxl import Workbook

from crm.extensions import db
from crm.models import Company
from tests.factories import CompanyFactory
from tests.imports.conftest import company_names

CLEAN = "Firma;Ort;Land;E-Mail\nLaser GmbH;Dresden;Deutschland;info@laser.de\nOptics AG;Jena;DE;\n".encode()
WITH_ERRORS = "name,email\nGood GmbH,\nBad AG,not-an-address\nAlso Good Oy,\n".encode()


@pytest.fixture
def staff_in(client, auth, staff):
    auth.login(staff)
    return client


def test_viewers_may_not_import(client, auth, viewer):
    auth.login(viewer)
    assert client.get("/import/").status_code == 403
    assert client.post("/import/confirm").status_code == 403


def test_the_upload_page_explains_the_steps(staff_in):
    page = staff_in.get("/import/")
    assert page.status_code == 200
    assert "Nothing is written until you confirm" in page.get_data(as_text=True)


def test_an_upload_leads_to_the_mapping_with_suggestions(staff_in, upload):
    response = upload(CLEAN)
    assert response.status_code == 302 and response.headers["Location"].endswith("/import/mapping")
    page = staff_in.get("/import/mapping").get_data(as_text=True)
    assert '<option value="name" selected>' in page
    assert '<option value="city" selected>' in page
    assert '<option value="email" selected>' in page
    assert "Laser GmbH" in page  # sample values


def test_the_upload_is_kept_under_a_random_name_in_the_instance_folder(staff_in, upload, uploads_folder):
    upload(CLEAN, filename="../../etc/passwd.csv")
    files = os.listdir(uploads_folder)
    assert len(files) == 1 and files[0].endswith(".upload") and "passwd" not in files[0]


def test_a_file_that_cannot_be_read_is_refused_on_the_form(staff_in, upload):
    response = upload("name\nMüller GmbH\n".encode("latin-1"))
    assert response.status_code == 200
    assert "neither UTF-8 nor Chinese GB18030" in response.get_data(as_text=True)


def test_other_file_types_are_refused(staff_in, upload):
    response = upload(b"%PDF-1.4", filename="companies.pdf")
    assert "Upload a CSV (.csv) or Excel (.xlsx) file." in response.get_data(as_text=True)


def test_a_file_over_the_size_limit_is_refused_with_a_clear_message(app, staff_in, upload, monkeypatch):
    monkeypatch.setitem(app.config, "IMPORT_MAX_BYTES", 1024 * 1024)
    response = upload(b"name\n" + b"A GmbH\n" * 200_000)
    assert response.status_code == 200
    assert "larger than 1 MB" in response.get_data(as_text=True)


def test_the_mapping_needs_the_name_column(staff_in, upload):
    upload(CLEAN)
    response = staff_in.post("/import/mapping", data={"column-0": "", "column-1": "city"})
    assert response.status_code == 422
    assert "Choose the column that holds the company name." in response.get_data(as_text=True)


def test_a_column_can_be_mapped_by_hand(staff_in, upload):
    upload("Firm;Town\nLaser GmbH;Dresden\n".encode())
    staff_in.post("/import/mapping", data={"column-0": "name", "column-1": "city"})
    page = staff_in.get("/import/preview").get_data(as_text=True)
    assert "1 rows are ready to be created." in page and "Dresden" in page


def test_nothing_is_written_before_the_confirm(staff_in, upload):
    upload(CLEAN)
    staff_in.post("/import/mapping", data={"column-0": "name", "column-1": "city", "column-2": "country",
                                           "column-3": "email"})
    assert staff_in.get("/import/preview").status_code == 200
    assert company_names() == []


def test_the_preview_lists_every_problem_by_row(staff_in, upload):
    upload(WITH_ERRORS)
    page = staff_in.get("/import/preview").get_data(as_text=True)
    assert "1 rows have errors." in page and "rows 3" in page
    assert "“not-an-address” is not a valid e-mail address." in page


def test_the_preview_shows_probable_duplicates_with_score_and_reason(staff_in, upload):
    existing = CompanyFactory(name="Müller Technik GmbH")
    upload("name\nMUELLER TECHNIK AG\n".encode())
    page = staff_in.get("/import/preview").get_data(as_text=True)
    assert "same name after normalisation" in page and "1.00" in page
    assert f'value="update-{existing.id}"' in page


def test_confirm_creates_the_companies_and_deletes_the_upload(staff_in, upload, uploads_folder, staff):
    upload(CLEAN)
    response = staff_in.post("/import/confirm", data={"on_errors": "abort"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/import/result")
    assert company_names() == ["Laser GmbH", "Optics AG"]
    laser = db.session.scalar(db.select(Company).where(Company.name == "Laser GmbH"))
    assert (laser.country, laser.office_id) == ("DE", staff.office_id)
    assert [f for f in os.listdir(uploads_folder) if f.endswith(".upload")] == []
    result = staff_in.get("/import/result").get_data(as_text=True)
    assert "rows 2–3" in result


def test_all_or_nothing_writes_nothing_while_a_row_has_errors(staff_in, upload):
    upload(WITH_ERRORS)
    response = staff_in.post("/import/confirm", data={"on_errors": "abort"}, follow_redirects=True)
    assert "Nothing was imported: rows 3 have errors." in response.get_data(as_text=True)
    assert company_names() == []


def test_skipping_errors_imports_the_rest_and_says_which_rows_were_skipped(staff_in, upload):
    upload(WITH_ERRORS)
    staff_in.post("/import/confirm", data={"on_errors": "skip"})
    assert company_names() == ["Good GmbH", "Also Good Oy"]
    page = staff_in.get("/import/result").get_data(as_text=True)
    assert "Skipped with errors" in page and "rows 3" in page


def test_duplicates_are_skipped_unless_chosen_otherwise(staff_in, upload):
    CompanyFactory(name="Laser GmbH")
    upload("name\nLaser AG\nFresh Oy\n".encode())
    staff_in.post("/import/confirm", data={"on_errors": "abort"})
    assert company_names() == ["Laser GmbH", "Fresh Oy"]


def test_a_duplicate_can_be_created_anyway(staff_in, upload):
    CompanyFactory(name="Laser GmbH")
    upload("name\nLaser AG\n".encode())
    staff_in.post("/import/confirm", data={"on_errors": "abort", "decision-2": "create"})
    assert company_names() == ["Laser GmbH", "Laser AG"]


def test_a_duplicate_can_update_the_existing_company(staff_in, upload):
    existing = CompanyFactory(name="Laser GmbH", city="Dresden", phone=None)
    upload("name,city,phone\nLaser AG,Leipzig,0351 1\n".encode())
    staff_in.post("/import/confirm", data={"on_errors": "abort", "decision-2": f"update-{existing.id}",
                                           "overwrite-2": ["city"]})
    db.session.refresh(existing)
    assert (existing.name, existing.city, existing.phone) == ("Laser GmbH", "Leipzig", "0351 1")
    assert company_names() == ["Laser GmbH"]


def test_an_xlsx_upload_goes_through(staff_in, upload):
    workbook = Workbook()
    workbook.active.append(["Name", "Phone"])
    workbook.active.append(["Laser GmbH", 4935112345])
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload(buffer.getvalue(), filename="companies.xlsx")
    staff_in.post("/import/confirm", data={"on_errors": "abort"})
    assert db.session.scalar(db.select(Company.phone)) == "4935112345"


def test_cancel_drops_the_upload(staff_in, upload, uploads_folder):
    upload(CLEAN)
    staff_in.post("/import/cancel")
    assert os.listdir(uploads_folder) == []
    response = staff_in.get("/import/preview")
    assert response.status_code == 302 and response.headers["Location"].endswith("/import/")


def test_steps_without_an_upload_go_back_to_the_upload(staff_in):
    for url in ("/import/mapping", "/import/preview", "/import/result"):
        response = staff_in.get(url)
        assert response.status_code == 302 and response.headers["Location"].endswith("/import/")
