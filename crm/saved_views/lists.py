"""The lists a view can be saved of, and the query string a view keeps of one."""
from urllib.parse import parse_qsl, urlencode

from flask_babel import lazy_gettext as _l

# list name -> (the list's endpoint, its name for people)
LISTS = {
    "companies": ("companies.index", _l("Companies")),
    "people": ("people.index", _l("People")),
    "interactions": ("interactions.index", _l("Interactions")),
    "followups": ("followups.index", _l("Follow-ups")),
}
LIST_OF_ENDPOINT = {endpoint: name for name, (endpoint, _label) in LISTS.items()}
# A view is the filter and the order, not the page it was on or a download.
DROPPED = {"page", "format"}


def kept_query(query: str) -> str:
    """The query string without page and format, in a normal form."""
    return urlencode([(key, value) for key, value in parse_qsl(query, keep_blank_values=False)
                      if key not in DROPPED])


def query_args(query: str, **extra) -> list[tuple[str, str]]:
    return [*parse_qsl(query), *extra.items()]
