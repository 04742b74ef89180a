"""Form helpers shared by every area."""
from collections.abc import Iterable

from flask_babel import get_locale
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectChoice


def select_choices(pairs: Iterable[tuple]) -> list[SelectChoice]:
    """(value, label) pairs as WTForms choices (plain tuples are deprecated there)."""
    return [SelectChoice(value, label) for value, label in pairs]


def country_choices(blank_label: str = "") -> list[SelectChoice]:
    """ISO country codes named in the user's language, sorted by name."""
    names = get_locale().territories
    countries = sorted(
        ((code, name) for code, name in names.items() if len(code) == 2 and code.isalpha()),
        key=lambda pair: pair[1],
    )
    return select_choices([("", blank_label)] + countries)


def country_name(code: str | None) -> str:
    """'DE' as 'Germany' (or 'Deutschland', '德国' ...) in the user's language."""
    if not code:
        return ""
    return get_locale().territories.get(code.upper(), code)


def optional_int(value) -> int | None:
    """Select values where the empty choice means 'none'."""
    if value is None or value in ("", "None"):
        return None
    return int(value)


def version_number(value) -> int | None:
    """The hidden version as sent; anything but a number counts as none sent."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class VersionedForm(FlaskForm):
    """An edit form for an audited record: it carries the version it was filled from, so
    a save over someone else's newer changes is refused (crm/audit.py stale_edit)."""

    version = HiddenField(filters=[version_number])
    conflicts: list = []  # the changes made in between, set when a save is refused
