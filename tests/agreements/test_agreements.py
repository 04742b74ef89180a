"""Partner agreements: who records them, what the form accepts, the signed document
(checked, stored under instance/, served to logged-in users only) and the renewal follow-up."""
import io
import os
from datetime import date

import pytest
import sqlalchemy as sa

from crm.extensions import db
from crm.models import Agreement, AgreementKind, AgreementStatus, FollowUp, Role
from tests.delegations.factories import AgreementFactory
from tests.factories import CompanyFactory, UserFactory

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF" + b"\x00" * 64


@pytest.fixture(autouse=True)
def upload_folder(app, tmp_path, monkeypatch):
    folder = tmp_path / "agreements"
    monkeypatch.setitem(app.config, "UPLOAD_FOLDER", str(folder))
    return folder


@pytest.fixture
def parties():
    return [CompanyFactory(name="Jinan Hi-tech Zone", country="CN"),
            CompanyFactory(name="Dresden Technology Center", country="DE")]


@pytest.fixture
def as_manager(client, auth, manager):
    auth.login(manager)
    return client


def form(office, parties, **changes):
    data = {
        "kind": "mou", "title": "Memorandum on the economic development platform", "status": "signed",
        "party_ids": [p.id for p in parties], "signed_on": "2012-10-15", "signed_place": "Dresden",
        "signatories": "Dr. Bernd Junghans, Dresden Technology Center\nLv Jiantao, Jinan Hi-tech Zone",
        "office_id": office.id, "summary": "Business cooperation and mutual support",
    }
    data.update(changes)
    return data


def upload(content: bytes, name: str):
    return (io.BytesIO(content), name)


def only_agreement() -> Agreement:
    return db.session.scalar(sa.select(Agreement))


# --- recording -------------------------------------------------------------------------------------------------------

def test_a_manager_records_an_agreement(as_manager, office, parties):
    response = as_manager.post("/agreements/new", data=form(office, parties))
    agreement = only_agreement()
    assert response.headers["Location"] == f"/agreements/{agreement.id}"
    assert (agreement.kind, agreement.status, agreement.signed_on, agreement.signed_place) == (
        AgreementKind.MOU, AgreementStatus.SIGNED, date(2012, 10, 15), "Dresden")
    assert [p.name for p in agreement.parties] == ["Dresden Technology Center", "Jinan Hi-tech Zone"]
    assert "Lv Jiantao" in agreement.signatories and agreement.office == office


@pytest.mark.parametrize("role", [Role.STAFF, Role.VIEWER])
def test_staff_and_viewers_read_but_do_not_record(client, auth, office, parties, role):
    agreement = AgreementFactory(office=office, parties=parties, title="Letter of intent")
    auth.login(UserFactory(office=office, role=role))
    assert "Letter of intent" in client.get("/agreements/").get_data(as_text=True)
    assert client.get(f"/agreements/{agreement.id}").status_code == 200
    assert client.get("/agreements/new").status_code == 403
    assert client.post(f"/agreements/{agreement.id}/edit", data=form(office, parties)).status_code == 403
    assert client.post(f"/agreements/{agreement.id}/delete").status_code == 403


@pytest.mark.parametrize("changes, message", [
    ({"party_ids": []}, "An agreement needs at least two parties."),
    ({"title": ""}, "This field is required."),
    ({"signed_on": ""}, "A signed agreement needs its signing date."),
    ({"term_ends_on": "2012-01-01"}, "The term cannot end before the agreement is signed."),
    ({"renewal_on": "2012-01-01"}, "The renewal date cannot be before the signing date."),
    ({"term_ends_on": "2015-10-15", "renewal_on": "2016-01-01"},
     "The renewal date cannot be after the end of the term."),
    ({"office_id": ""}, "Choose the office the agreement belongs to."),
    ({"kind": "treaty"}, "Not a valid choice"),
])
def test_the_form_refuses(as_manager, office, parties, changes, message):
    response = as_manager.post("/agreements/new", data=form(office, parties, **changes))
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert only_agreement() is None


def test_one_party_is_not_enough(as_manager, office, parties):
    page = as_manager.post("/agreements/new", data=form(office, parties, party_ids=[parties[0].id])).get_data(
        as_text=True)
    assert "An agreement needs at least two parties." in page


def test_a_draft_needs_no_signing_date(as_manager, office, parties):
    as_manager.post("/agreements/new", data=form(office, parties, status="draft", signed_on=""))
    assert only_agreement().signed_on is None


def test_the_new_form_presets_the_company_it_came_from(as_manager, parties):
    page = as_manager.get(f"/agreements/new?company_id={parties[0].id}").get_data(as_text=True)
    assert f'<option selected value="{parties[0].id}">' in page


# --- the document ----------------------------------------------------------------------------------------------------

def test_a_pdf_is_stored_under_a_generated_name_and_served_to_logged_in_users(as_manager, office, parties,
                                                                              upload_folder, auth):
    as_manager.post("/agreements/new", data=form(office, parties, document=upload(PDF, "MoU 2012 (signed).pdf")),
                    content_type="multipart/form-data")

    agreement = only_agreement()
    assert (agreement.document_name, agreement.document_type, agreement.document_size) == (
        "MoU 2012 (signed).pdf", "application/pdf", len(PDF))
    assert os.listdir(upload_folder) == [agreement.document_path]
    assert "MoU" not in agreement.document_path

    response = as_manager.get(f"/agreements/{agreement.id}/document")
    assert response.status_code == 200 and response.data == PDF
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert "MoU%202012%20%28signed%29.pdf" in response.headers["Content-Disposition"] or \
        'filename="MoU 2012 (signed).pdf"' in response.headers["Content-Disposition"]

    auth.logout()
    response = as_manager.get(f"/agreements/{agreement.id}/document")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_a_viewer_may_download_the_document(client, auth, viewer, office, parties, upload_folder):
    upload_folder.mkdir()
    (upload_folder / ("a" * 32 + ".jpg")).write_bytes(JPEG)
    agreement = AgreementFactory(office=office, parties=parties, document_path="a" * 32 + ".jpg",
                                 document_name="scan.jpg", document_type="image/jpeg", document_size=len(JPEG))
    auth.login(viewer)
    response = client.get(f"/agreements/{agreement.id}/document")
    assert response.status_code == 200 and response.mimetype == "image/jpeg"


def test_text_disguised_as_a_pdf_is_refused(as_manager, office, parties, upload_folder):
    response = as_manager.post("/agreements/new",
                               data=form(office, parties, document=upload(b"<html>hello</html>", "mou.pdf")),
                               content_type="multipart/form-data")
    assert "Only PDF, PNG and JPEG files are accepted" in response.get_data(as_text=True)
    assert only_agreement() is None
    assert not upload_folder.exists() or os.listdir(upload_folder) == []


def test_a_document_over_the_size_limit_is_refused(app, as_manager, office, parties, monkeypatch):
    monkeypatch.setitem(app.config, "AGREEMENT_MAX_BYTES", 1024)
    response = as_manager.post("/agreements/new",
                               data=form(office, parties, document=upload(PDF + b" " * 2000, "mou.pdf")),
                               content_type="multipart/form-data")
    assert "The file is larger than 1 KB." in response.get_data(as_text=True)
    assert only_agreement() is None


def test_replacing_the_document_removes_the_old_file(as_manager, office, parties, upload_folder):
    as_manager.post("/agreements/new", data=form(office, parties, document=upload(PDF, "mou.pdf")),
                    content_type="multipart/form-data")
    agreement = only_agreement()
    old = agreement.document_path

    as_manager.post(f"/agreements/{agreement.id}/edit", data=form(office, parties, document=upload(JPEG, "scan.jpg")),
                    content_type="multipart/form-data")

    agreement = only_agreement()
    assert agreement.document_path != old and agreement.document_type == "image/jpeg"
    assert os.listdir(upload_folder) == [agreement.document_path]


def test_saving_without_a_new_file_keeps_the_document(as_manager, office, parties, upload_folder):
    as_manager.post("/agreements/new", data=form(office, parties, document=upload(PDF, "mou.pdf")),
                    content_type="multipart/form-data")
    agreement = only_agreement()
    as_manager.post(f"/agreements/{agreement.id}/edit", data=form(office, parties, title="Renamed"))
    assert only_agreement().document_name == "mou.pdf"


def test_removing_the_document(as_manager, office, parties, upload_folder):
    as_manager.post("/agreements/new", data=form(office, parties, document=upload(PDF, "mou.pdf")),
                    content_type="multipart/form-data")
    agreement = only_agreement()
    as_manager.post(f"/agreements/{agreement.id}/edit", data=form(office, parties, remove_document="y"))
    assert only_agreement().document_path is None
    assert os.listdir(upload_folder) == []
    assert as_manager.get(f"/agreements/{agreement.id}/document").status_code == 404


def test_deleting_an_agreement_keeps_its_document_for_the_trash(as_manager, office, parties, upload_folder):
    as_manager.post("/agreements/new", data=form(office, parties, document=upload(PDF, "mou.pdf")),
                    content_type="multipart/form-data")
    agreement_id = only_agreement().id
    assert as_manager.post(f"/agreements/{agreement_id}/delete").headers["Location"] == "/agreements/"
    assert only_agreement() is None and len(os.listdir(upload_folder)) == 1


def test_a_tampered_stored_name_is_never_served(as_manager, office, parties):
    agreement = AgreementFactory(office=office, parties=parties, document_path="../../config.py",
                                 document_name="config.py", document_type="text/plain")
    assert as_manager.get(f"/agreements/{agreement.id}/document").status_code == 404


# --- renewal ---------------------------------------------------------------------------------------------------------

def test_saving_an_active_agreement_with_a_renewal_date_plans_one_follow_up(as_manager, manager, office, parties):
    data = form(office, parties, status="active", term_ends_on="2099-12-31", renewal_on="2099-10-31")
    response = as_manager.post("/agreements/new", data=data)
    as_manager.post(f"/agreements/{only_agreement().id}/edit", data=data)

    [follow_up] = db.session.scalars(sa.select(FollowUp)).all()
    assert (follow_up.due_on, follow_up.assignee_id, follow_up.company.name) == (
        date(2099, 9, 1), manager.id, "Dresden Technology Center")
    assert only_agreement().renewal_follow_up_id == follow_up.id
    page = as_manager.get(response.headers["Location"]).get_data(as_text=True)
    assert "A renewal follow-up is planned for 2099-09-01" in page


def test_a_draft_gets_no_renewal_follow_up(as_manager, office, parties):
    as_manager.post("/agreements/new", data=form(office, parties, status="draft", renewal_on="2099-10-31"))
    assert db.session.scalar(sa.select(FollowUp)) is None


# --- the list --------------------------------------------------------------------------------------------------------

def test_the_list_filters_by_type_status_year_office_and_party(logged_in, office, jinan_office, parties):
    AgreementFactory(title="LoI 2012", kind=AgreementKind.LETTER_OF_INTENT, signed_on=date(2012, 5, 10),
                     office=office, parties=parties)
    AgreementFactory(title="Vantaa MoU", signed_on=date(2016, 1, 15), office=jinan_office,
                     status=AgreementStatus.ACTIVE, parties=[CompanyFactory(), CompanyFactory()])

    def titles(query):
        page = logged_in.get("/agreements/" + query).get_data(as_text=True)
        return {t for t in ("LoI 2012", "Vantaa MoU") if t in page}

    assert titles("?kind=loi") == {"LoI 2012"}
    assert titles("?status=active") == {"Vantaa MoU"}
    assert titles("?year=2016") == {"Vantaa MoU"}
    assert titles(f"?office_id={office.id}") == {"LoI 2012"}
    assert titles(f"?company_id={parties[0].id}") == {"LoI 2012"}
    assert titles("?kind=nonsense&year=x") == {"LoI 2012", "Vantaa MoU"}


def test_the_list_exports(logged_in, office, parties):
    AgreementFactory(office=office, parties=parties, title="=HYPERLINK(1)")
    response = logged_in.get("/agreements/?format=csv")
    assert response.status_code == 200
    assert "'=HYPERLINK(1)" in response.get_data(as_text=True)


def test_the_list_does_not_query_per_row(logged_in, office, count_queries):
    def fill(n):
        for _ in range(n):
            AgreementFactory(office=office, parties=[CompanyFactory(), CompanyFactory()])

    fill(2)
    with count_queries() as few:
        assert logged_in.get("/agreements/").status_code == 200
    fill(18)
    with count_queries() as many:
        assert logged_in.get("/agreements/").status_code == 200
    assert len(few) == len(many)


@pytest.fixture
def jinan_office():
    from tests.factories import OfficeFactory

    return OfficeFactory(name="Jinan", timezone="Asia/Shanghai")
