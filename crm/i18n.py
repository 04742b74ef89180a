"""Which language and clock a request is shown in."""
from flask import current_app, has_request_context, request
from flask_login import current_user


def select_locale() -> str | None:
    """The user's chosen language, else the browser's; outside a request (CLI,
    services) the default, unless the caller forces one with force_locale."""
    if not has_request_context():
        return None
    if current_user.is_authenticated and current_user.language:
        return current_user.language
    return request.accept_languages.best_match(current_app.config["LANGUAGES"])


def select_timezone() -> str | None:
    """Users read times in their office's zone; stored times are UTC."""
    if has_request_context() and current_user.is_authenticated:
        return current_user.office.timezone
    return None
