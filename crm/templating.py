"""Jinja helpers shared by all templates."""
from flask import Flask, request, url_for
from flask_babel import format_decimal, format_percent, get_locale
from flask_login import current_user
from flask_babel import lazy_gettext as _l

from crm.auth.permissions import can_edit_own
from crm.clock import local_today
from crm.extensions import db
from crm.forms import country_name
from crm.i18n import LANGUAGE_NAMES
from crm.models import Role
from crm.saved_views import queries as saved_views


# The main menu: (endpoint, label, role needed); each area adds its line here.
MAIN_NAV = [
    ("dashboard.index", _l("Dashboard"), Role.VIEWER),
    ("dashboard.my_day", _l("My day"), Role.VIEWER),
    ("companies.index", _l("Companies"), Role.VIEWER),
    ("people.index", _l("People"), Role.VIEWER),
    ("interactions.index", _l("Interactions"), Role.VIEWER),
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


def pinned_views() -> list:
    """The saved views the current user pinned to their menu."""
    return db.session.scalars(saved_views.pinned_views(current_user)).all()


def saved_views_of(list_name: str) -> list:
    """The saved views of one list that the current user may open."""
    return db.session.scalars(saved_views.visible_views(current_user, list_name)).all()


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(
        url_with=url_with,
        Role=Role, main_nav=MAIN_NAV, current_locale=current_locale, language_names=LANGUAGE_NAMES,
        can_edit_own=can_edit_own, pinned_views=pinned_views, saved_views_of=saved_views_of,
    )
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.filters["country_name"] = country_name
    # Numbers in the user's locale (3,5 in German); Flask-Babel only brings the date filters.
    app.jinja_env.filters["decimal"] = format_decimal
    app.jinja_env.filters["percent"] = format_percent

    @app.context_processor
    def inject_today():
        return {"today": local_today()}
