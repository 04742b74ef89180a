"""Form helpers shared by every area."""
from collections.abc import Callable, Iterable

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectChoice
from wtforms.validators import StopValidation

from crm.services.pinyin import has_han


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


# Ids are INTEGER columns; a larger number cannot be one and would overflow the database driver.
MAX_ID = 2**31 - 1


def optional_int(value) -> int | None:
    """Select values where the empty choice means 'none'; a number no id can have is refused
    (ValueError, which WTForms reports as an invalid choice)."""
    if value is None or value in ("", "None"):
        return None
    number = int(value)
    if abs(number) > MAX_ID:
        raise ValueError(value)
    return number


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


class LatinNameRequired:
    """A required Latin-script name that suggests one: left empty beside a Chinese
    local-script name, the field comes back filled with the pinyin to check and save.

    (The forms are `novalidate`, so the browser lets the empty field through to the suggestion.)"""

    field_flags = {"required": True}

    def __init__(self, romanise: Callable[[str], str], local_field: str = "name_local"):
        self.romanise = romanise
        self.local_field = local_field

    def __call__(self, form, field):
        if field.data and field.data.strip():
            return
        local = form[self.local_field].data
        if has_han(local):
            field.data = self.romanise(local)
            raise StopValidation(_l("Suggested from the Chinese name: check the spelling and save again."))
        raise StopValidation(_l("This field is required."))
