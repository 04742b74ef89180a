"""Which language and clock a request is shown in."""
from flask import current_app, request
from flask_login import current_user


def select_locale() -> str | None:
    if current_user.is_authenticated and current_user.language:
        return current_user.language
    return request.accept_languages.best_match(current_app.config["LANGUAGES"])


def select_timezone() -> str | None:
    """Users read times in their office's zone; stored times are UTC."""
    if current_user.is_authenticated:
        return current_user.office.timezone
    return None
