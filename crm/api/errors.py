"""Every API error has one shape:

    {"error": {"code": "not_found", "message": "...", "fields": {"name": ["..."]}}}

`code` is stable (clients branch on it), `message` is for people, `fields` names each
bad input field (empty when the error is not about input)."""
import marshmallow as ma
from flask import request
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException

from crm.extensions import db

PREFIX = "/api/"

CODES = {
    400: "invalid",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    429: "rate_limited",
    500: "server_error",
}


# Headers of an HTTP error that the JSON answer keeps.
PASSED_HEADERS = ("Allow", "Retry-After", "WWW-Authenticate")


class ErrorDetail(ma.Schema):
    code = ma.fields.String(required=True, metadata={"description": "Stable machine-readable code"})
    message = ma.fields.String(required=True)
    fields = ma.fields.Dict(
        keys=ma.fields.String(), required=True,
        metadata={"description": "Each invalid input field with its messages"},
    )
    current_version = ma.fields.Integer(metadata={"description": "On a version conflict: the record's version"})
    changes = ma.fields.List(ma.fields.Dict(), metadata={"description": "On a version conflict: what changed since"})


class Error(ma.Schema):
    error = ma.fields.Nested(ErrorDetail, required=True)


class ApiError(HTTPException):
    """Raised by API code: `abort`s with a code and, for bad input, the fields."""

    def __init__(self, status: int, message: str, code: str | None = None, fields: dict | None = None, **extra):
        super().__init__(description=message)
        self.code = status
        self.api_code = code or CODES.get(status, "error")
        self.fields = fields or {}
        self.extra = extra


def is_api_request() -> bool:
    return request.path.startswith(PREFIX)


def field_messages(messages) -> dict:
    """webargs' {location: {field: [...]}} as {field: [...]}: clients know where they put a field."""
    if not isinstance(messages, dict):
        return {"_request": messages}
    fields = {}
    for location, errors in messages.items():
        if isinstance(errors, dict):
            fields.update({str(name): value for name, value in errors.items()})
        else:
            fields[str(location)] = errors
    return fields


def error_response(error: HTTPException):
    """The JSON answer for any HTTP error raised while serving the API. The session
    is rolled back so that nothing of a refused change is half-written."""
    db.session.rollback()
    status = error.code or 500
    if isinstance(error, ApiError):
        body = {"code": error.api_code, "message": error.description, "fields": error.fields, **error.extra}
    else:
        data = getattr(error, "data", None) or {}
        fields = field_messages(data["messages"]) if "messages" in data else {}
        message = _("Some fields are invalid.") if fields else error.description
        body = {"code": CODES.get(status, "error"), "message": str(message), "fields": fields}
    kept = {name: value for name, value in error.get_response().headers.items() if name in PASSED_HEADERS}
    return {"error": body}, status, kept
