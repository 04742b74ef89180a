"""CSRF protection, switched on as in production."""
import re

import pytest

from crm import create_app
from crm.extensions import db
from tests.factories import PASSWORD


@pytest.fixture
def csrf_client(app):
    protected = create_app("config.TestConfig", {
        "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
        "WTF_CSRF_ENABLED": True,
    })
    protected.test_client_class = type(app.test_client())
    yield protected.test_client()
    with protected.app_context():
        db.engine.dispose()


def test_a_post_without_token_is_refused_with_400(csrf_client, staff):
    response = csrf_client.post("/login", data={"email": staff.email, "password": PASSWORD})
    assert response.status_code == 400
    assert b"security token" in response.data


def test_a_post_with_the_form_token_is_accepted(csrf_client, staff):
    page = csrf_client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = csrf_client.post("/login", data={"email": staff.email, "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302
