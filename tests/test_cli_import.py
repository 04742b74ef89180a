"""`crm import-companies FILE [--dry-run] [--json] [--office NAME]`."""
import io
import json

import pytest
import sqlalchemy as sa
from openpyxl import Workbook

from crm.extensions import db
from crm.models import Company, ImportBatch
from tests.factories import CompanyFactory, OfficeFactory


def write(tmp_path, text: str, name: str = "companies.csv", encoding: str = "utf-8") -> str:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return str(path)


def run(runner, *args):
    result = runner.invoke(args=["import-companies", *args])
    return result


def report(result) -> dict:
    return json.loads(result.stdout)


def names():
    return db.session.scalars(sa.select(Company.name).order_by(Company.id)).all()


def test_json_report_counts_duplicates_and_errors_with_spreadsheet_row_numbers(runner, tmp_path):
    existing = CompanyFactory(name="Müller Technik GmbH")
    path = write(tmp_path, "name,email\r\nFresh GmbH,info@fresh.de\r\n\r\nMUELLER TECHNIK AG,\r\nBad Oy,bad@\r\n")
    result = run(runner, path, "--json")
    assert result.exit_code == 1
    data = report(result)
    assert {k: data[k] for k in ("rows", "created", "updated", "skipped")} == {
        "rows": 3, "created": 1, "updated": 0, "skipped": 2}
    assert data["duplicates"] == [{"row": 4, "name": "MUELLER TECHNIK AG", "matches": [
        {"id": existing.id, "name": "Müller Technik GmbH", "score": 1.0, "reason": "same name after normalisation"}]}]
    assert data["errors"] == [{"row": 5, "field": "email", "message": "“bad@” is not a valid e-mail address."}]


def test_without_dry_run_clean_rows_are_created_and_duplicates_and_errors_are_not(runner, tmp_path):
    CompanyFactory(name="Laser GmbH")
    path = write(tmp_path, "name,email\nFresh GmbH,\nLaser AG,\nBad Oy,bad@\nFresh GmbH,\n")
    result = run(runner, path, "--json")
    assert result.exit_code == 1
    assert names() == ["Laser GmbH", "Fresh GmbH"]  # the second "Fresh GmbH" repeats row 2


def test_an_import_from_the_command_line_is_a_batch_that_can_be_undone(runner, tmp_path):
    run(runner, write(tmp_path, "name,email\nFresh GmbH,\nBad Oy,bad@\n", name="crm-export.csv"))
    batch = db.session.scalar(sa.select(ImportBatch))
    assert (batch.filename, batch.imported_by, batch.created_count, batch.failed_count) == ("crm-export.csv", None, 1, 1)


def test_a_dry_run_writes_nothing(runner, tmp_path):
    result = run(runner, write(tmp_path, "name\nFresh GmbH\n"), "--dry-run", "--json")
    assert result.exit_code == 0
    assert report(result)["created"] == 1 and report(result)["dry_run"] is True
    assert names() == []


def test_a_clean_file_exits_0_and_says_what_it_did(runner, tmp_path):
    result = run(runner, write(tmp_path, "name\nA GmbH\nB AG\n"))
    assert result.exit_code == 0, result.output
    assert "2 rows: created 2, updated 0, skipped 0" in result.output
    assert names() == ["A GmbH", "B AG"]


def test_new_companies_go_to_the_office_given(runner, tmp_path):
    vantaa = OfficeFactory(name="Vantaa")
    run(runner, write(tmp_path, "name\nNokia Oyj\n"), "--office", "vantaa")
    assert db.session.scalar(sa.select(Company.office_id)) == vantaa.id


def test_an_unknown_office_exits_2_with_a_clear_message(runner, tmp_path):
    result = run(runner, write(tmp_path, "name\nNokia Oyj\n"), "--office", "Atlantis")
    assert result.exit_code == 2
    assert "no office is called 'Atlantis'" in result.output
    assert names() == []


def test_a_missing_file_exits_2_without_a_traceback(runner, tmp_path):
    result = run(runner, str(tmp_path / "missing.csv"))
    assert result.exit_code == 2
    assert "cannot read" in result.output and "Traceback" not in result.output


def test_a_file_in_an_unknown_encoding_exits_2_with_one_line(runner, tmp_path):
    result = run(runner, write(tmp_path, "name\nMüller Straßenbau GmbH\n", encoding="latin-1"))
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "UTF-8" in result.output
    assert names() == []


def test_mojibake_exits_2_and_stores_nothing(runner, tmp_path):
    garbled = "Müller".encode("utf-8").decode("cp1252")
    result = run(runner, write(tmp_path, f"name\n{garbled} GmbH\n"))
    assert result.exit_code == 2 and "garbled" in result.output
    assert names() == []


def test_a_file_without_a_name_column_exits_2(runner, tmp_path):
    result = run(runner, write(tmp_path, "city,phone\nDresden,1\n"))
    assert result.exit_code == 2
    assert "company name" in result.output and "city, phone" in result.output


def test_bom_semicolons_crlf_and_quoted_line_breaks(runner, tmp_path):
    text = '\ufeffName;Description;City\r\n"Laser; Optics GmbH";"first line\r\nsecond line";Dresden\r\n'
    result = run(runner, write(tmp_path, text), "--json")
    assert result.exit_code == 0, result.output
    company = db.session.scalar(sa.select(Company))
    assert (company.name, company.description, company.city) == (
        "Laser; Optics GmbH", "first line\r\nsecond line", "Dresden")


def test_gb18030_bytes(runner, tmp_path):
    result = run(runner, write(tmp_path, "公司名称,城市,国家\n济南激光科技有限公司,济南,中国\n", encoding="gb18030"))
    assert result.exit_code == 0, result.output
    company = db.session.scalar(sa.select(Company))
    assert (company.name, company.city, company.country) == ("济南激光科技有限公司", "济南", "CN")


def test_xlsx_with_a_numeric_phone_blank_rows_and_stray_whitespace(runner, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    for row in (["Name", "Phone"], ["  Laser GmbH ", 4935112345], [None, None], ["Optics AG", 351.0]):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    path = tmp_path / "companies.xlsx"
    path.write_bytes(buffer.getvalue())
    result = run(runner, str(path), "--json")
    assert result.exit_code == 0, result.output
    assert report(result)["rows"] == 2
    rows = db.session.execute(sa.select(Company.name, Company.phone).order_by(Company.id)).all()
    assert rows == [("Laser GmbH", "4935112345"), ("Optics AG", "351")]


@pytest.mark.parametrize("domain", ["gmail.com", "qq.com", "163.com", "web.de"])
def test_free_mail_domains_do_not_make_duplicates(runner, tmp_path, domain):
    CompanyFactory(name="Alpha Laser", email=f"alpha@{domain}")
    result = run(runner, write(tmp_path, f"name,email\nBeta Optics,beta@{domain}\n"), "--json")
    assert report(result)["duplicates"] == []
    assert names() == ["Alpha Laser", "Beta Optics"]


def test_design_and_packaging_are_both_created(runner, tmp_path):
    CompanyFactory(name="Dresden Chip Design GmbH")
    result = run(runner, write(tmp_path, "name\nDresden Chip Packaging GmbH\n"), "--json")
    assert report(result)["duplicates"] == [] and report(result)["created"] == 1
