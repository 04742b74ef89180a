"""Jinja helpers shared by all templates."""
from flask import Flask, request, url_for
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from crm.auth.permissions import can_edit_own
from crm.clock import local_today
from crm.forms import country_name
from crm.models import Role


# The main menu: (endpoint, label, role needed); each area adds its line here.
MAIN_NAV = [
    ("dashboard.index", _l("Dashboard"), Role.VIEWER),
    ("companies.index", _l("Companies"), Role.VIEWER),
    ("people.index", _l("People"), Role.VIEWER),
    ("followups.index", _l("Follow-ups"), Role.VIEWER),
    ("events.index", _l("Events"), Role.VIEWER),
    ("delegations.index", _l("Delegations"), Role.VIEWER),
    ("agreements.index", _l("Agreements"), Role.VIEWER),
    ("timeline.index", _l("Timeline"), Role.VIEWER),
    ("inquiries.index", _l("Inquiries"), Role.MANAGER),
    ("trash.index", _l("Trash"), Role.MANAGER),
    ("admin.users", _l("Admin"), Role.ADMIN),
]


def current_locale() -> str:
    return str(get_locale() or "en")


def url_with(**changes) -> str:
    """The current page's URL with some query arguments changed (None drops one).

    Keeps filters when paging, sorting and exporting."""
    args = request.args.to_dict(flat=False)
    for key, value in changes.items():
        if value is None:
            args.pop(key, None)
        else:
            args[key] = [value]
    return url_for(request.endpoint, **(request.view_args or {}), **args)


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(
        url_with=url_with,
        Role=Role, main_nav=MAIN_NAV, current_locale=current_locale,
        can_edit_own=can_edit_own,
    )
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.filters["country_name"] = country_name

    @app.context_processor
    def inject_today():
        return {"today": local_today()}
