"""Reading requests: form and query values without NUL characters, ids in URLs within range.

NUL means nothing in text a person typed, and PostgreSQL refuses to store it in a text column
(which would turn any form into a 500); it is dropped here once for every form field and query
argument. Every other character, controls included, is kept and escaped on output as usual."""
from flask import Request
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.datastructures.structures import iter_multi_items
from werkzeug.routing import IntegerConverter

from crm.forms import MAX_ID


def without_nul(value):
    return value.replace("\x00", "") if isinstance(value, str) else value


class NulFreeMultiDict(ImmutableMultiDict):
    def __init__(self, mapping=None):
        if mapping is not None:
            mapping = [(without_nul(key), without_nul(value)) for key, value in iter_multi_items(mapping)]
        super().__init__(mapping)


class CrmRequest(Request):
    parameter_storage_class = NulFreeMultiDict


class IdConverter(IntegerConverter):
    """`<int:company_id>` that only matches numbers an INTEGER column can hold, so
    /companies/99999999999999999999 is a 404 rather than an overflow in the database driver."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)
