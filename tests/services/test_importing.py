"""Reading spreadsheets, mapping columns, validating and planning an import, without a request."""
import io
from datetime import datetime

import pytest
import sqlalchemy as sa
from openpyxl import Workbook

from crm.extensions import db
from crm.models import Affiliation, Company, Person, PipelineStatus, Sector, Tag
from crm.services import importing
from crm.services.importing import Decision, ImportFileError, read_table, suggest_mapping
from tests.factories import CompanyFactory, PersonFactory, SectorFactory, TagFactory, UserFactory


def csv(text: str, encoding: str = "utf-8") -> bytes:
    return text.encode(encoding)


def xlsx(*rows, sheets: int = 1) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(list(row))
    for number in range(1, sheets):
        workbook.create_sheet(f"Other {number}").append(["ignored"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def plan_of(data: bytes, filename: str = "companies.csv") -> importing.ImportPlan:
    table = read_table(data, filename)
    return importing.plan_import(table, suggest_mapping(table.headers), importing.load_lookups())


def only_row(plan):
    assert len(plan.rows) == 1
    return plan.rows[0]


# --- reading: encodings ---


def test_utf8_with_bom_is_read_and_the_bom_is_not_part_of_the_first_header():
    table = read_table(b"\xef\xbb\xbf" + csv("name,city\nMüller GmbH,Dresden\n"))
    assert table.headers == ["name", "city"]
    assert table.rows == [(2, ["Müller GmbH", "Dresden"])]
    assert table.encoding == "utf-8"


def test_utf8_without_bom_is_read():
    assert read_table(csv("name\n济南激光科技有限公司\n")).rows == [(2, ["济南激光科技有限公司"])]


def test_gb18030_as_chinese_excel_saves_it_is_detected():
    table = read_table(csv("公司名称,城市\n济南激光科技有限公司,济南\n", "gb18030"))
    assert table.encoding == "gb18030"
    assert table.headers == ["公司名称", "城市"]
    assert table.rows == [(2, ["济南激光科技有限公司", "济南"])]


def test_gbk_bytes_are_read_as_gb18030():
    assert read_table(csv("name\n山东重工集团\n", "gbk")).rows == [(2, ["山东重工集团"])]


def test_a_latin1_file_is_refused_rather_than_garbled():
    with pytest.raises(ImportFileError) as refused:
        read_table(csv("name;city\nMüller Straßenbau GmbH;Düsseldorf\n", "latin-1"))
    assert "UTF-8" in refused.value.message and "GB18030" in refused.value.message


def test_text_garbled_by_an_earlier_wrong_conversion_is_refused_and_shown():
    garbled = "Müller GmbH".encode("utf-8").decode("cp1252")  # 'MÃ¼ller GmbH'
    with pytest.raises(ImportFileError) as refused:
        read_table(csv(f"name\n{garbled}\n"))
    assert "Ã¼" in refused.value.message and "Müller" in refused.value.message


def test_replacement_characters_are_refused():
    with pytest.raises(ImportFileError):
        read_table(csv("name\nM\ufffdller GmbH\n"))


def test_utf16_unicode_text_from_excel_is_read_with_tabs():
    table = read_table("name\tcity\nNokia Oyj\tEspoo\n".encode("utf-16"))
    assert table.rows == [(2, ["Nokia Oyj", "Espoo"])]


def test_an_empty_file_is_refused():
    with pytest.raises(ImportFileError):
        read_table(b"")
    with pytest.raises(ImportFileError):
        read_table(b"\n\n ")


def test_binary_data_is_refused():
    with pytest.raises(ImportFileError):
        read_table(b"name\n\x00\x01\x02")


# --- reading: layout ---


def test_semicolons_are_detected():
    table = read_table(csv("name;city;phone\nLaser GmbH;Dresden;0351 1234,5\n"))
    assert table.delimiter == ";"
    assert table.rows == [(2, ["Laser GmbH", "Dresden", "0351 1234,5"])]


def test_excels_sep_hint_is_not_a_row():
    table = read_table(csv("sep=;\nname;city\nLaser GmbH;Dresden\n"))
    assert table.headers == ["name", "city"] and table.rows == [(2, ["Laser GmbH", "Dresden"])]


def test_crlf_line_ends_are_read():
    table = read_table(csv("name,city\r\nA GmbH,Ulm\r\nB AG,Jena\r\n"))
    assert table.rows == [(2, ["A GmbH", "Ulm"]), (3, ["B AG", "Jena"])]


def test_quoted_fields_keep_delimiters_and_line_breaks_and_rows_are_numbered_as_a_spreadsheet_shows_them():
    data = csv('name,description\r\n"Laser, Optics GmbH","Line one\r\nline two"\r\nNext AG,x\r\n')
    table = read_table(data)
    assert table.rows[0] == (2, ["Laser, Optics GmbH", "Line one\r\nline two"])
    assert table.rows[1] == (3, ["Next AG", "x"])


def test_blank_rows_are_skipped_but_counted_in_the_numbering():
    table = read_table(csv("name,city\nA GmbH,Ulm\n,\n\n  ,  \nB AG,Jena\n\n"))
    assert [number for number, _cells in table.rows] == [2, 6]
    assert table.blank_rows == [3, 4, 5]


def test_stray_whitespace_is_stripped():
    table = read_table(csv("  name , city \n  Laser GmbH  ,\tDresden \n"))
    assert table.headers == ["name", "city"]
    assert table.rows == [(2, ["Laser GmbH", "Dresden"])]


def test_the_exports_formula_guard_is_removed():
    table = read_table(csv("name,phone,description\n'=SUM(1) GmbH,'+49 351 1,'@home\n"))
    assert table.rows == [(2, ["=SUM(1) GmbH", "+49 351 1", "@home"])]


def test_an_apostrophe_before_ordinary_text_is_kept():
    assert read_table(csv("name\n'Laser' GmbH\n")).rows == [(2, ["'Laser' GmbH"])]


# --- reading: XLSX ---


def test_xlsx_numbers_where_text_is_expected_lose_the_decimal_point():
    table = read_table(xlsx(["name", "phone", "size"], ["Laser GmbH", 4935112345, 250.0], ["Ratio AG", 12.5, 3]),
                       "companies.xlsx")
    assert table.rows == [(2, ["Laser GmbH", "4935112345", "250"]), (3, ["Ratio AG", "12.5", "3"])]


def test_xlsx_blank_rows_are_skipped_and_rows_keep_their_numbers():
    table = read_table(xlsx(["name"], ["A GmbH"], [None], [" "], ["B AG"]), "companies.xlsx")
    assert table.rows == [(2, ["A GmbH"]), (5, ["B AG"])]
    assert table.blank_rows == [3, 4]


def test_xlsx_dates_become_iso_text():
    table = read_table(xlsx(["name", "founded"], ["A GmbH", datetime(2020, 5, 1)]), "a.xlsx")
    assert table.rows == [(2, ["A GmbH", "2020-05-01"])]


def test_xlsx_reads_the_first_sheet_and_says_how_many_there_are():
    table = read_table(xlsx(["name"], ["A GmbH"], sheets=3), "a.xlsx")
    assert table.sheet_count == 3 and table.rows == [(2, ["A GmbH"])]


def test_a_damaged_xlsx_is_refused():
    with pytest.raises(ImportFileError):
        read_table(b"PK\x03\x04 not really a zip", "a.xlsx")


def test_old_xls_files_are_refused_with_advice():
    with pytest.raises(ImportFileError) as refused:
        read_table(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old.xls")
    assert ".xlsx" in refused.value.message


# --- column mapping ---


def test_canonical_names_are_recognised_case_insensitively():
    headers = ["NAME", "Name_Local", "city", "Country", "sector", "WEBSITE", "email", "phone", "description", "offers",
               "seeks", "contact_name", "Contact_Email", "contact_phone", "owner_email", "status", "tags"]
    assert suggest_mapping(headers) == [h.lower() for h in headers]


@pytest.mark.parametrize("header, field", [
    ("Company", "name"), ("Firmenname", "name"), ("公司名称", "name"), ("Yritys", "name"),
    ("E-Mail", "email"), ("e_mail", "email"), ("邮箱", "email"), ("Telefon", "phone"), ("Homepage", "website"),
    ("Ort", "city"), ("Land", "country"), ("Branche", "sector"), ("Ansprechpartner", "contact_name"),
    ("Contact e-mail", "contact_email"), ("Owner", "owner_email"), ("Name (Chinese)", "name_local"),
    ("Local name", "name_local"), ("Sectors", "sector"), ("Contact person", "contact_name"),
])
def test_aliases_and_english_labels_are_recognised(header, field):
    assert suggest_mapping([header]) == [field]


def test_unknown_headers_are_not_mapped_and_a_field_is_taken_once():
    assert suggest_mapping(["Name", "Firma", "Remarks", ""]) == ["name", None, None, None]


def test_a_mapping_needs_the_name_and_no_field_twice():
    assert importing.check_mapping(["name", "city"]) == []
    assert any("company name" in p for p in importing.check_mapping(["city"]))
    assert any("more than one" in p for p in importing.check_mapping(["name", "city", "city"]))


# --- validation ---


def test_a_row_without_a_name_is_an_error_naming_the_field():
    row = only_row(plan_of(csv("name,city\n,Dresden\n")))
    assert [(e.row, e.field) for e in row.errors] == [(2, "name")]


def test_invalid_emails_are_errors_and_valid_ones_are_kept():
    plan = plan_of(csv("name,email,contact_name,contact_email\nA GmbH,info@a.de,Li Wei,li@@a.de\nB AG,b.de,,\n"))
    assert [(e.row, e.field) for e in plan.errors] == [(2, "contact_email"), (3, "email")]
    assert plan.rows[0].values["email"] == "info@a.de"


def test_websites_get_https_and_junk_is_an_error():
    plan = plan_of(csv("name,website\nA GmbH,www.a-laser.de/en\nB AG,http://b.de\nC Oy,not a site\n"))
    assert plan.rows[0].values["website"] == "https://www.a-laser.de/en"
    assert plan.rows[1].values["website"] == "http://b.de"
    assert [(e.row, e.field) for e in plan.errors] == [(4, "website")]


@pytest.mark.parametrize("value, code", [
    ("DE", "DE"), ("de", "DE"), ("Germany", "DE"), ("Deutschland", "DE"), ("德国", "DE"), ("Saksa", "DE"),
    ("China", "CN"), ("中国", "CN"), ("Kiina", "CN"), ("Volksrepublik China", "CN"), ("Finland", "FI"),
    ("Suomi", "FI"), ("Finnland", "FI"), ("芬兰", "FI"), ("United Kingdom", "GB"), ("Österreich", "AT"),
])
def test_countries_are_codes_or_names_in_english_german_chinese_or_finnish(value, code):
    assert importing.parse_country(value) == code


def test_an_unknown_country_is_an_error():
    row = only_row(plan_of(csv("name,country\nA GmbH,Atlantis\n")))
    assert row.errors[0].field == "country" and "Atlantis" in row.errors[0].message
    assert importing.parse_country("XX") is None


def test_status_is_a_value_or_a_label_in_any_case():
    plan = plan_of(csv("name,status\nA,partner\nB,Not interested\nC,CONTACTED\nD,maybe\n"))
    assert [r.values.get("status") for r in plan.rows[:3]] == [
        PipelineStatus.PARTNER, PipelineStatus.DECLINED, PipelineStatus.CONTACTED]
    assert plan.errors[0].row == 5 and "New" in plan.errors[0].message


def test_the_owner_must_be_an_active_user(office):
    active = UserFactory(office=office, email="anna@jadebridge.org")
    UserFactory(office=office, email="gone@jadebridge.org", active=False)
    plan = plan_of(csv("name,owner_email\nA,ANNA@jadebridge.org\nB,gone@jadebridge.org\nC,nobody@x.de\n"))
    assert plan.rows[0].values["owner_id"] == active.id
    assert [(e.row, e.field) for e in plan.errors] == [(3, "owner_email"), (4, "owner_email")]


def test_known_sectors_are_matched_case_insensitively_and_new_ones_are_announced():
    SectorFactory(name="Laser")
    plan = plan_of(csv('name,sector\nA,"laser, Quantum"\nB,quantum\n'))
    assert plan.rows[0].sectors == ["Laser", "Quantum"]
    assert plan.rows[1].sectors == ["Quantum"]
    assert plan.new_sectors == ["Quantum"]


def test_tags_are_comma_separated_and_new_ones_are_announced():
    TagFactory(name="fair2026")
    plan = plan_of(csv('name,tags\nA,"FAIR2026, vip ,vip"\n'))
    assert plan.rows[0].tags == ["fair2026", "vip"]
    assert plan.new_tags == ["vip"]


def test_a_contacts_email_or_phone_needs_the_contacts_name():
    row = only_row(plan_of(csv("name,contact_email\nA GmbH,li@a.de\n")))
    assert row.errors[0].field == "contact_name"


def test_overlong_values_are_errors():
    row = only_row(plan_of(csv(f"name,city\n{'x' * 201},{'y' * 101}\n")))
    assert {e.field for e in row.errors} == {"name", "city"}


# --- duplicates while planning ---


def test_a_row_matching_an_existing_company_carries_its_id_score_and_reason():
    existing = CompanyFactory(name="Müller Technik GmbH")
    row = only_row(plan_of(csv("name\nMUELLER TECHNIK AG\n")))
    assert [(d.company_id, d.score, d.reason) for d in row.duplicates] == [
        (existing.id, 1.0, "same name after normalisation")]


def test_a_row_matching_an_earlier_row_of_the_same_file_names_that_row():
    plan = plan_of(csv("name\nJinan Laser Co., Ltd.\nOther GmbH\nJinan Laser\n"))
    assert plan.rows[0].duplicates == [] and plan.rows[1].duplicates == []
    assert [(d.row, d.company_id) for d in plan.rows[2].duplicates] == [(2, None)]


def test_design_and_packaging_rows_are_not_duplicates():
    CompanyFactory(name="Dresden Chip Design GmbH")
    assert only_row(plan_of(csv("name\nDresden Chip Packaging GmbH\n"))).duplicates == []


def test_rows_sharing_a_free_mail_domain_are_not_duplicates():
    CompanyFactory(name="Alpha Laser", email="alpha@163.com")
    assert only_row(plan_of(csv("name,email\nBeta Optics,beta@163.com\n"))).duplicates == []


# --- applying ---


def apply(data: bytes, decisions=None, office_id=None):
    table = read_table(data)
    lookups = importing.load_lookups()
    plan = importing.plan_import(table, suggest_mapping(table.headers), lookups)
    result = importing.apply_plan(plan, decisions, lookups, default_office_id=office_id)
    db.session.commit()
    return plan, result


def companies():
    return db.session.scalars(sa.select(Company).order_by(Company.id)).all()


def test_clean_rows_are_created_with_sectors_tags_and_a_contact(office):
    SectorFactory(name="Laser")
    _plan, result = apply(csv(
        "name,city,country,sector,tags,contact_name,contact_email,contact_phone\n"
        'Laser GmbH,Dresden,Germany,"Laser, Optics",vip,Anna Schmidt,anna@laser.de,+49 1\n'
    ), office_id=office.id)
    company = companies()[0]
    assert result.created == [2]
    assert (company.name, company.city, company.country) == ("Laser GmbH", "Dresden", "DE")
    assert company.office_id == office.id
    assert [s.name for s in company.sectors] == ["Laser", "Optics"]
    assert [t.name for t in company.tags] == ["vip"]
    person = company.affiliations[0].person
    assert (person.name, person.email, person.phone) == ("Anna Schmidt", "anna@laser.de", "+49 1")


def test_two_rows_with_the_same_new_sector_create_it_once():
    apply(csv("name,sector\nA,Quantum\nB,quantum\n"))
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Sector)) == 1
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Tag)) == 0


def test_a_known_contact_email_links_the_existing_person():
    person = PersonFactory(name="Anna Schmidt", email="anna@laser.de")
    apply(csv("name,contact_name,contact_email\nLaser GmbH,Anna Schmidt,ANNA@laser.de\n"))
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Person)) == 1
    assert db.session.scalar(sa.select(Affiliation.person_id)) == person.id


def test_rows_with_errors_are_never_written():
    _plan, result = apply(csv("name,email\nGood GmbH,\nBad AG,nope\n"))
    assert result.created == [2] and result.skipped_errors == [3]
    assert [c.name for c in companies()] == ["Good GmbH"]


def test_rows_with_a_probable_duplicate_are_skipped_unless_decided_otherwise():
    CompanyFactory(name="Laser GmbH")
    _plan, result = apply(csv("name\nLaser AG\n"))
    assert result.skipped_duplicates == [2] and len(companies()) == 1


def test_create_anyway_creates_the_duplicate():
    CompanyFactory(name="Laser GmbH")
    _plan, result = apply(csv("name\nLaser AG\n"), {2: Decision(importing.CREATE)})
    assert result.created == [2] and len(companies()) == 2


def test_update_fills_only_the_empty_fields():
    existing = CompanyFactory(name="Laser GmbH", city="Dresden", phone=None)
    _plan, result = apply(csv("name,city,phone\nLaser AG,Leipzig,0351 1\n"),
                          {2: Decision(importing.UPDATE, existing.id)})
    db.session.refresh(existing)
    assert result.updated == [2]
    assert (existing.name, existing.city, existing.phone) == ("Laser GmbH", "Dresden", "0351 1")


def test_update_overwrites_the_chosen_fields():
    existing = CompanyFactory(name="Laser GmbH", city="Dresden")
    apply(csv("name,city\nLaser AG,Leipzig\n"), {2: Decision(importing.UPDATE, existing.id, frozenset({"city"}))})
    db.session.refresh(existing)
    assert (existing.name, existing.city) == ("Laser GmbH", "Leipzig")


def test_an_update_of_a_company_that_is_not_a_duplicate_of_the_row_is_refused():
    CompanyFactory(name="Laser GmbH")
    bystander = CompanyFactory(name="Bystander AG", city="Ulm")
    _plan, result = apply(csv("name,city\nLaser AG,Leipzig\n"),
                          {2: Decision(importing.UPDATE, bystander.id, frozenset({"city"}))})
    db.session.refresh(bystander)
    assert bystander.city == "Ulm" and result.skipped_by_choice == [2]


def test_the_json_summary_has_counts_duplicates_and_errors_by_row():
    existing = CompanyFactory(name="Laser GmbH")
    plan = plan_of(csv("name,email\nLaser AG,\nNew Oy,bad\nFresh GmbH,\n"))
    report = importing.summary(plan)
    assert {k: report[k] for k in ("rows", "created", "updated", "skipped")} == {
        "rows": 3, "created": 1, "updated": 0, "skipped": 2}
    assert report["duplicates"] == [{"row": 2, "name": "Laser AG", "matches": [
        {"id": existing.id, "name": "Laser GmbH", "score": 1.0, "reason": "same name after normalisation"}]}]
    assert report["errors"] == [{"row": 3, "field": "email", "message": "“bad” is not a valid e-mail address."}]
