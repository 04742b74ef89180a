"""The app's own `crm` commands, one module per area."""
from flask import Flask


def init_app(app: Flask) -> None:
    from crm.commands import users

    app.cli.add_command(users.create_user)
