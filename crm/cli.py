"""The `crm` console script: Flask's CLI (run, db, shell) plus the app's commands."""
from flask.cli import FlaskGroup

from crm import create_app


def main() -> None:
    FlaskGroup(create_app=create_app, help="Jadebridge CRM commands.")()
