"""Form helpers shared by every area."""
from collections.abc import Iterable

from wtforms import SelectChoice


def select_choices(pairs: Iterable[tuple]) -> list[SelectChoice]:
    """(value, label) pairs as WTForms choices (plain tuples are deprecated there)."""
    return [SelectChoice(value, label) for value, label in pairs]
