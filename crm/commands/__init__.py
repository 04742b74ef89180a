"""The app's own `crm` commands, one module per area."""
from flask import Flask


def init_app(app: Flask) -> None:
    from crm.commands import agreements, imports, operations, reminders, schedule, search, seed, users, webhooks

    app.cli.add_command(users.create_user)
    app.cli.add_command(seed.seed_demo)
    app.cli.add_command(imports.import_companies)
    app.cli.add_command(agreements.renewal_follow_ups)
    app.cli.add_command(schedule.schedule_solve)
    app.cli.add_command(reminders.send_reminders)
    app.cli.add_command(operations.backup)
    app.cli.add_command(operations.restore)
    app.cli.add_command(operations.check)
    app.cli.add_command(search.search_reindex)
    app.cli.add_command(webhooks.deliver_webhooks)
