"""Error pages: HTML for people, JSON for clients that ask for it, and the API's own JSON
shape (crm/api/errors.py) for everything under /api/."""
from flask import Flask, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DataError
from werkzeug.exceptions import HTTPException, InternalServerError

from crm.api import errors as api_errors
from crm.extensions import db


# Translated wording for the errors people meet; werkzeug's own is English only.
MESSAGES = {
    400: (_l("Bad request"), _l("The request could not be understood.")),
    403: (_l("Not allowed"), _l("Your role does not allow this.")),
    404: (_l("Not found"), _l("There is nothing at this address; it may have been deleted.")),
    405: (_l("Not allowed"), _l("This address does not accept that kind of request.")),
    413: (_l("Too large"), _l("The upload is larger than allowed.")),
    429: (_l("Too many requests"), _l("Please wait a moment and try again.")),
}


def wants_json() -> bool:
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return best == "application/json" and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]


def error_response(code: int, title: str, message: str):
    if wants_json():
        return {"error": {"code": str(code), "message": message}}, code
    return render_template("errors/error.html", code=code, title=title, message=message), code


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        return error_response(
            400,
            _("Form expired"),
            _("The form was sent without a valid security token. Reload the page and try again."),
        )

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if api_errors.is_api_request():
            return api_errors.error_response(error)
        code = error.code or 500
        title, message = MESSAGES.get(code, (error.name, error.description))
        if error.description != type(error).description:  # a view said what was wrong
            message = error.description
        return error_response(code, str(title), str(message))

    @app.errorhandler(OverflowError)
    @app.errorhandler(DataError)
    def unstorable_value(error: Exception):
        """A number past what the database holds (?page=10**30) or text it refuses: the request's
        fault, answered as such; the transaction is rolled back, so nothing is half-written."""
        db.session.rollback()
        return error_response(400, _("Bad request"), _("A value in the request is out of range or cannot be "
                                                        "stored. Check the numbers and text you entered."))

    @app.errorhandler(InternalServerError)
    def internal_error(error: InternalServerError):
        if api_errors.is_api_request():
            return api_errors.error_response(error)
        db.session.rollback()
        return error_response(500, _("Something went wrong"), _("The error was logged. Please try again."))
