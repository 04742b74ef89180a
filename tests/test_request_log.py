"""One structured log line per request, with no personal data in it."""
import json
import logging

from crm.request_log import JsonFormatter
from tests.factories import PASSWORD, CompanyFactory


def request_records(caplog):
    return [r for r in caplog.records if r.name == "crm.requests"]


def test_each_request_logs_method_endpoint_status_duration_and_user(caplog, logged_in, staff):
    company = CompanyFactory()
    with caplog.at_level(logging.INFO, logger="crm.requests"):
        logged_in.get(f"/companies/{company.id}")
    [record] = request_records(caplog)
    assert (record.method, record.endpoint, record.status, record.user_id) == (
        "GET", "companies.detail", 200, staff.id)
    assert record.duration_ms >= 0


def test_the_log_line_holds_no_email_password_or_query_string(caplog, client, staff):
    with caplog.at_level(logging.INFO, logger="crm.requests"):
        client.post("/login?next=/companies/%3Fq%3DM%C3%BCller", data={"email": staff.email, "password": PASSWORD})
        client.get("/companies/?q=anna.schmidt@example.de")
    lines = [JsonFormatter().format(r) for r in request_records(caplog)]
    assert len(lines) == 2
    for line in lines:
        assert staff.email not in line and PASSWORD not in line and "example.de" not in line
        assert "Müller" not in line and "q=" not in line


def test_an_anonymous_request_logs_no_user(caplog, client):
    with caplog.at_level(logging.INFO, logger="crm.requests"):
        client.get("/login")
    [record] = request_records(caplog)
    assert record.user_id is None and record.status == 200


def test_a_line_is_one_json_object():
    record = logging.LogRecord("crm.requests", logging.INFO, __file__, 1, "request", (), None)
    record.status = 404
    line = JsonFormatter().format(record)
    assert "\n" not in line
    assert json.loads(line)["status"] == 404 and json.loads(line)["message"] == "request"


def test_an_error_is_logged_with_its_endpoint_and_status(app, caplog, logged_in, monkeypatch):
    import crm.dashboard.views as dashboard

    def broken(*_args):
        raise RuntimeError("boom")

    monkeypatch.setattr(dashboard, "pipeline_counts", broken)
    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)
    with caplog.at_level(logging.INFO):
        assert logged_in.get("/").status_code == 500
    [record] = request_records(caplog)
    assert (record.endpoint, record.status) == ("dashboard.index", 500)
    assert any(r.levelno == logging.ERROR and r.exc_info for r in caplog.records if r.name == "crm")
