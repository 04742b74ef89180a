"""Jadebridge: the business-matchmaking CRM of the Jinan Hi-tech Zone's offices."""
import os
from importlib import import_module
from pathlib import Path

from flask import Flask

from crm.extensions import babel, bootstrap, csrf, db, limiter, login_manager, migrate
from crm.requests import CrmRequest

ROOT = Path(__file__).resolve().parent.parent


def create_app(config_object="config.Config", overrides: dict | None = None) -> Flask:
    """Build the app; it only wires things together and touches no database."""
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        instance_path=str(ROOT / "instance"),
    )
    app.request_class = CrmRequest
    app.config.from_object(config_object)
    app.config.update(overrides or {})
    if not app.config["SQLALCHEMY_DATABASE_URI"]:
        os.makedirs(app.instance_path, exist_ok=True)
        app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{app.instance_path}/jadebridge.sqlite"
    if not app.config.get("SECRET_KEY"):
        raise RuntimeError("Set the SECRET_KEY environment variable (make run sets a development one).")

    register_extensions(app)
    register_blueprints(app)
    register_api(app)
    register_template_helpers(app)
    register_error_handlers(app)
    register_security_headers(app)
    register_session_rules(app)
    register_request_log(app)
    register_commands(app)
    return app


def register_extensions(app: Flask) -> None:
    from crm import audit, database
    from crm.i18n import select_locale, select_timezone
    from crm.models.search import include_in_comparison
    from crm.search import index
    from crm.services import webhooks

    db.init_app(app)
    database.configure_sqlite(app)
    audit.init_app(app)
    database.count_statements(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True,
                     include_name=include_in_comparison)
    index.keep_in_sync(db.session)
    webhooks.install(db.session)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)
    bootstrap.init_app(app)
    login_manager.init_app(app)
    limiter.init_app(app)


# One blueprint per domain area, in the order of the menu.
BLUEPRINTS = [
    "crm.auth.views",
    "crm.dashboard.views",
    "crm.companies.views",
    "crm.people.views",
    "crm.interactions.views",
    "crm.followups.views",
    "crm.events.views",
    "crm.delegations.views",
    "crm.agreements.views",
    "crm.timeline.views",
    "crm.imports.views",
    "crm.duplicates.views",
    "crm.trash.views",
    "crm.admin.views",
    "crm.health.views",
    "crm.inquiries.views",
    "crm.account.views",
    "crm.feeds.views",
    "crm.saved_views.views",
    "crm.search.views",
    "crm.webhooks.views",
]


def register_blueprints(app: Flask) -> None:
    from crm.requests import IdConverter

    app.url_map.converters["int"] = IdConverter  # before any rule is added
    for module in BLUEPRINTS:
        app.register_blueprint(import_module(module).bp)


def register_api(app: Flask) -> None:
    from crm import api

    api.init_app(app)


def register_template_helpers(app: Flask) -> None:
    from crm import templating

    templating.init_app(app)


def register_error_handlers(app: Flask) -> None:
    from crm import errors

    errors.init_app(app)


def register_security_headers(app: Flask) -> None:
    from crm import security

    security.init_app(app)


def register_session_rules(app: Flask) -> None:
    from crm.auth import sessions

    sessions.init_app(app)


def register_request_log(app: Flask) -> None:
    from crm import request_log

    request_log.init_app(app)


def register_commands(app: Flask) -> None:
    from crm.commands import init_app

    init_app(app)
