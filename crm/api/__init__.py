"""The JSON API, /api/v1/: personal tokens, one error shape, an OpenAPI document
generated from the schemas that validate the requests, and its documentation page.

One module per resource (companies.py, people.py ...) registers its routes on
crud.bp; auth.py says who is calling, errors.py how errors look, docs.py serves
the browsable documentation."""
from importlib import import_module

from flask import Flask
from flask_smorest import Api

from crm.api import auth
from crm.api.crud import bp
from crm.api.errors import Error
from crm.extensions import csrf, limiter

# One module per resource; importing it registers its routes on `bp`.
RESOURCES = [
    "crm.api.companies",
    "crm.api.people",
    "crm.api.interactions",
    "crm.api.followups",
    "crm.api.events",
    "crm.api.delegations",
    "crm.api.agreements",
]


class JsonApi(Api):
    """flask-smorest without its app-wide error handler: the pages keep their HTML
    error pages, and crm/errors.py answers API errors through crm/api/errors.py."""

    ERROR_SCHEMA = Error

    def _register_error_handlers(self):
        pass


for module in RESOURCES:
    import_module(module)
bp.before_request(auth.require_token)
limiter.limit(auth.rate_limit, key_func=auth.rate_limit_key)(bp)
csrf.exempt(bp)


def init_app(app: Flask) -> None:
    api = JsonApi(app, spec_kwargs={
        "info": {"description": "The Jadebridge CRM. Send a personal token from your account page as "
                                "`Authorization: Bearer <token>`."},
        "security": [{"token": []}],
    })
    api.spec.components.security_scheme("token", {"type": "http", "scheme": "bearer"})
    api.register_blueprint(bp)
    app.register_blueprint(import_module("crm.api.docs").bp)
    auth.init_app(app)
