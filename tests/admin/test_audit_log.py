"""The admin-wide audit log: filters, pages and an XLSX export, for admins only."""
import io
from datetime import datetime

import sqlalchemy as sa
from openpyxl import load_workbook

from crm.extensions import db
from crm.models import AuditEntry
from tests.factories import CompanyFactory, PersonFactory


def backdate(days_ago_iso: str) -> None:
    db.session.execute(sa.update(AuditEntry).values(at=datetime.fromisoformat(days_ago_iso)))
    db.session.commit()


def test_only_admins_read_the_audit_log(client, auth, manager):
    auth.login(manager)
    assert client.get("/admin/audit").status_code == 403


def test_the_log_lists_changes_with_their_record(client, auth, admin):
    CompanyFactory(name="Qilu Laser")
    auth.login(admin)
    assert "Qilu Laser" in client.get("/admin/audit").get_data(as_text=True)


def test_the_log_filters_by_record_type(client, auth, admin):
    CompanyFactory(name="Qilu Laser")
    PersonFactory(name="Anna Weber")
    auth.login(admin)
    page = client.get("/admin/audit?entity_type=people").get_data(as_text=True)
    assert "Anna Weber" in page and "Qilu Laser" not in page


def test_the_log_filters_by_user(client, auth, admin, manager):
    auth.login(manager)
    client.post("/companies/new", data={"name": "Made by the manager", "kind": "enterprise", "status": "new"})
    CompanyFactory(name="Made by the system")
    auth.login(admin)
    page = client.get(f"/admin/audit?user_id={manager.id}").get_data(as_text=True)
    assert "Made by the manager" in page and "Made by the system" not in page


def test_the_log_filters_by_action(client, auth, admin):
    company = CompanyFactory(name="Qilu Laser")
    company.city = "Zibo"
    db.session.commit()
    auth.login(admin)
    page = client.get("/admin/audit?action=update").get_data(as_text=True)
    assert "Zibo" in page and "<td>Created" not in page


def test_the_log_filters_by_date_range(client, auth, admin):
    CompanyFactory(name="Qilu Laser")
    backdate("2025-03-01T10:00:00")
    auth.login(admin)
    assert "Qilu Laser" in client.get("/admin/audit?date_from=2025-03-01&date_to=2025-03-01").get_data(as_text=True)
    assert "Qilu Laser" not in client.get("/admin/audit?date_from=2025-03-02").get_data(as_text=True)


def test_an_invalid_date_filter_is_marked_not_a_500(client, auth, admin):
    auth.login(admin)
    response = client.get("/admin/audit?date_from=yesterday")
    assert response.status_code == 200 and "is-invalid" in response.get_data(as_text=True)


def test_the_export_has_a_row_per_changed_field(client, auth, admin):
    company = CompanyFactory(name="Qilu Laser", city="Jinan")
    company.city = "Zibo"
    db.session.commit()
    auth.login(admin)
    response = client.get("/admin/audit?action=update&format=xlsx")
    rows = list(load_workbook(io.BytesIO(response.data)).active.values)
    assert rows[0][:4] == ("when_utc", "user", "origin", "action")
    assert rows[1][7:10] == ("city", "Jinan", "Zibo")
