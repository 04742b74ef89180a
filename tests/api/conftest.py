"""API fixtures: personal tokens made through the service, and a client that sends one."""
import pytest

from crm.extensions import db
from crm.models import TokenScope, utcnow
from crm.services import api_tokens


def make_token(user, scope=TokenScope.WRITE, valid_days=None, name="Test script"):
    """A committed token of `user`; returns its secret."""
    token, secret = api_tokens.issue(user, name, scope, utcnow(), valid_days)
    db.session.add(token)
    db.session.commit()
    return secret


class Api:
    """Calls /api/v1 with a bearer token, as another program would (no cookie, no CSRF token)."""

    def __init__(self, client, secret=None):
        self.client = client
        self.secret = secret

    def call(self, method, path, json=None, secret=None, **kwargs):
        headers = kwargs.pop("headers", {})
        token = secret or self.secret
        if token:
            headers["Authorization"] = f"Bearer {token}"
        return self.client.open("/api/v1" + path, method=method, json=json, headers=headers, **kwargs)

    def get(self, path, **kwargs):
        return self.call("GET", path, **kwargs)

    def post(self, path, json=None, **kwargs):
        return self.call("POST", path, json=json, **kwargs)

    def patch(self, path, json=None, **kwargs):
        return self.call("PATCH", path, json=json, **kwargs)

    def delete(self, path, **kwargs):
        return self.call("DELETE", path, **kwargs)


@pytest.fixture
def api_as(client):
    """api_as(user, scope=...) -> an Api client with a fresh token of that user."""

    def build(user, scope=TokenScope.WRITE):
        return Api(client, make_token(user, scope))

    return build


@pytest.fixture
def api(api_as, staff):
    """The API with a read-and-write token of a staff member."""
    return api_as(staff)
