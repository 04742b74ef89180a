"""The OpenAPI document, its documentation page, and schemathesis: generated calls to
every operation, with a token, find no server error and no answer that breaks the document."""
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from crm import create_app
from crm.models import Role
from tests.api.conftest import make_token
from tests.delegations.factories import AgreementFactory, DelegationFactory
from tests.events.factories import MeetingFactory, RequestFactory
from tests.factories import FollowUpFactory, InteractionFactory, PersonFactory, UserFactory

# Examples per operation: enough to reach validation, paging and the database on every
# operation, few enough that the whole suite stays quick.
EXAMPLES = 6
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


def test_the_document_lists_every_resource_with_its_operations(client):
    spec = client.get("/api/v1/openapi.json").get_json()

    assert spec["openapi"].startswith("3.")
    assert set(spec["paths"]["/api/v1/companies"]) == {"get", "post"}
    assert set(spec["paths"]["/api/v1/companies/{record_id}"]) - {"parameters"} == {"get", "patch", "delete"}
    assert "/api/v1/events/{event_id}/meetings/{record_id}" in spec["paths"]
    assert spec["components"]["securitySchemes"]["token"] == {"type": "http", "scheme": "bearer"}


def test_the_update_schema_requires_the_version_that_was_read(client):
    schemas = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]

    assert schemas["CompanyUpdate"]["required"] == ["version"]
    assert "name" in schemas["Company"]["required"]


def test_the_documentation_page_loads_swagger_ui_from_the_app_itself(client):
    page = client.get("/api/v1/docs/").get_data(as_text=True)

    assert '<script src="/api/v1/docs/assets/swagger-ui-bundle.js">' in page
    assert '<script src="/static/js/api-docs.js">' in page
    assert "<script>" not in page and "http" not in page.split("<body>")[1]
    assert client.get("/api/v1/docs/assets/swagger-ui-bundle.js").status_code == 200
    assert client.get("/api/v1/docs/assets/index.html").status_code == 404


@pytest.fixture
def fuzz_token(app, office, monkeypatch):
    """A manager's token, and a few records of each kind for the generated calls to find."""
    monkeypatch.setitem(app.config, "API_RATE_LIMIT", "100000 per minute")
    manager = UserFactory(office=office, role=Role.MANAGER)
    InteractionFactory(author=manager, office=office)
    FollowUpFactory(assignee=manager, created_by=manager, office=office)
    PersonFactory()
    RequestFactory()
    MeetingFactory()
    DelegationFactory()
    AgreementFactory()
    return make_token(manager)


def served_document() -> dict:
    """The document as the app serves it. Read at import time, when the test app does not
    exist yet (schemathesis' fixture-based loader does not work with this pytest), from an
    app of the same code that never touches its database."""
    app = create_app("config.TestConfig", {"SQLALCHEMY_DATABASE_URI": "sqlite://"})
    return app.test_client().get("/api/v1/openapi.json").get_json()


schema = schemathesis.openapi.from_dict(served_document())


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_the_api_keeps_to_its_openapi_document(case, app, fuzz_token):
    case.call_and_validate(app=app, headers={"Authorization": f"Bearer {fuzz_token}"}, checks=CHECKS)
