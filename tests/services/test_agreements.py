"""Agreement documents (checked by content, stored under a random name) and the
follow-up planned ahead of a renewal date."""
import io
import os
from datetime import date

import pytest
import sqlalchemy as sa

from crm.extensions import db
from crm.models import AgreementStatus, FollowUp, Role
from crm.services import agreements
from crm.services.agreements import DocumentRejected
from tests.delegations.factories import AgreementFactory
from tests.factories import CompanyFactory, OfficeFactory, UserFactory

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 40
TODAY = date(2026, 3, 1)


# --- documents -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("content, name, mimetype", [
    (PDF, "MoU signed.pdf", "application/pdf"),
    (PNG, "scan.PNG", "image/png"),
    (JPEG, "scan.jpeg", "image/jpeg"),
    (JPEG, "scan.jpg", "image/jpeg"),
])
def test_pdf_png_and_jpeg_are_accepted_by_their_first_bytes(content, name, mimetype):
    checked = agreements.check_document(io.BytesIO(content), name)
    assert (checked.type.mimetype, checked.name, checked.size) == (mimetype, name, len(content))


def test_a_text_file_named_pdf_is_refused():
    with pytest.raises(DocumentRejected, match="Only PDF, PNG and JPEG"):
        agreements.check_document(io.BytesIO(b"<script>alert(1)</script>"), "contract.pdf")


def test_a_pdf_named_like_an_image_is_refused():
    with pytest.raises(DocumentRejected, match="content is PDF"):
        agreements.check_document(io.BytesIO(PDF), "scan.png")


def test_a_file_over_the_limit_is_refused():
    with pytest.raises(DocumentRejected, match="larger than 2 KB"):
        agreements.check_document(io.BytesIO(PDF + b"x" * 2048), "big.pdf", max_bytes=2048)
    with pytest.raises(DocumentRejected, match="larger than 10 MB"):
        agreements.check_document(io.BytesIO(PDF + b"x" * 10 * 1024 * 1024), "big.pdf")


def test_an_empty_file_is_refused():
    with pytest.raises(DocumentRejected, match="empty"):
        agreements.check_document(io.BytesIO(b""), "empty.pdf")


def test_folders_in_the_users_file_name_are_dropped():
    assert agreements.clean_name("..\\..\\windows\\mou.pdf") == "mou.pdf"
    assert agreements.clean_name("/etc/passwd/../mou.pdf") == "mou.pdf"
    assert agreements.clean_name('a"b.pdf') == "ab.pdf"
    assert agreements.clean_name("") == "document"


def test_a_document_is_stored_under_a_random_name_never_the_users(tmp_path):
    checked = agreements.check_document(io.BytesIO(PDF), "../../evil.pdf")
    stored = agreements.store_document(io.BytesIO(PDF), checked, str(tmp_path))
    assert stored.endswith(".pdf") and "evil" not in stored and len(stored) == 36
    assert (tmp_path / stored).read_bytes() == PDF
    assert agreements.store_document(io.BytesIO(PDF), checked, str(tmp_path)) != stored


def test_only_names_this_module_makes_resolve_to_a_file(tmp_path):
    assert agreements.stored_path(str(tmp_path), "../instance/jadebridge.sqlite") is None
    assert agreements.stored_path(str(tmp_path), "a" * 32 + ".exe") is None
    assert agreements.stored_path(str(tmp_path), "a" * 32 + ".pdf") == os.path.join(str(tmp_path), "a" * 32 + ".pdf")


# --- renewal ---------------------------------------------------------------------------------------------------------

def test_the_renewal_follow_up_is_due_sixty_days_ahead_or_today_when_that_has_passed():
    assert agreements.renewal_due_on(date(2026, 6, 30), TODAY) == date(2026, 5, 1)
    assert agreements.renewal_due_on(date(2026, 3, 20), TODAY) == TODAY
    assert agreements.renewal_due_on(date(2026, 6, 30), TODAY, lead_days=30) == date(2026, 5, 31)


@pytest.fixture
def parties():
    return [CompanyFactory(name="Jinan Hi-tech Zone", country="CN"),
            CompanyFactory(name="Dresden Technology Center", country="DE")]


def test_an_active_agreement_gets_one_follow_up_for_its_offices_first_manager(office, staff, parties):
    first_manager = UserFactory(office=office, role=Role.MANAGER)
    UserFactory(office=office, role=Role.MANAGER)
    agreement = AgreementFactory(office=office, parties=parties, status=AgreementStatus.ACTIVE,
                                 renewal_on=date(2026, 9, 1))

    follow_up = agreements.ensure_renewal_follow_up(agreement, TODAY, assignee=staff, created_by=staff)

    assert follow_up.assignee == first_manager and follow_up.created_by == staff
    assert follow_up.due_on == date(2026, 7, 3)
    assert follow_up.company.name == "Dresden Technology Center"  # the partner, not the zone itself
    assert "Prepare the renewal" in follow_up.next_step and agreement.title in follow_up.next_step
    assert agreement.renewal_follow_up_id == follow_up.id


def test_without_a_manager_the_saving_user_gets_it(office, staff, parties):
    agreement = AgreementFactory(office=office, parties=parties, renewal_on=date(2026, 9, 1))
    follow_up = agreements.ensure_renewal_follow_up(agreement, TODAY, assignee=staff)
    assert follow_up.assignee == staff


def test_a_follow_up_is_planned_only_once(office, staff, parties):
    agreement = AgreementFactory(office=office, parties=parties, renewal_on=date(2026, 9, 1))
    agreements.ensure_renewal_follow_up(agreement, TODAY, assignee=staff)
    assert agreements.ensure_renewal_follow_up(agreement, TODAY, assignee=staff) is None
    assert db.session.scalar(sa.select(sa.func.count()).select_from(FollowUp)) == 1


@pytest.mark.parametrize("status", [AgreementStatus.DRAFT, AgreementStatus.EXPIRED])
def test_drafts_and_expired_agreements_get_none(office, staff, parties, status):
    agreement = AgreementFactory(office=office, parties=parties, status=status, renewal_on=date(2026, 9, 1))
    assert agreements.ensure_renewal_follow_up(agreement, TODAY, assignee=staff) is None


def test_an_agreement_without_renewal_date_gets_none(office, staff, parties):
    agreement = AgreementFactory(office=office, parties=parties, renewal_on=None)
    assert agreements.ensure_renewal_follow_up(agreement, TODAY, assignee=staff) is None


def test_a_moved_renewal_date_moves_the_open_follow_up(office, staff, parties):
    agreement = AgreementFactory(office=office, parties=parties, renewal_on=date(2026, 9, 1))
    follow_up = agreements.ensure_renewal_follow_up(agreement, TODAY, assignee=staff)
    agreement.renewal_on = date(2026, 12, 1)
    agreements.ensure_renewal_follow_up(agreement, TODAY, assignee=staff)
    assert follow_up.due_on == date(2026, 10, 2)


def test_the_command_sweeps_agreements_without_a_follow_up(runner, parties):
    vantaa = OfficeFactory(name="Vantaa", timezone="Europe/Helsinki")
    manager = UserFactory(office=vantaa, role=Role.MANAGER)
    planned = AgreementFactory(office=vantaa, parties=parties, status=AgreementStatus.ACTIVE,
                               renewal_on=date(2099, 1, 31))
    AgreementFactory(office=vantaa, parties=parties, status=AgreementStatus.DRAFT, renewal_on=date(2099, 1, 31))

    result = runner.invoke(args=["renewal-follow-ups"])

    assert result.exit_code == 0, result.output
    assert "1 renewal follow-up(s) planned" in result.output
    db.session.expire_all()
    follow_up = db.session.get(FollowUp, planned.renewal_follow_up_id)
    assert follow_up.assignee_id == manager.id and follow_up.due_on == date(2098, 12, 2)
    assert "0 renewal follow-up(s) planned" in runner.invoke(args=["renewal-follow-ups"]).output
