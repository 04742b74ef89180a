"""Which language and clock a request is shown in."""
from flask import current_app, has_request_context, request
from flask_login import current_user

# Each language by its own name, as the switchers offer it.
LANGUAGE_NAMES = {"en": "English", "zh": "中文", "de": "Deutsch", "fi": "Suomi"}
# The cookie that remembers the language picked on the login page (or by ?lang=).
LANGUAGE_COOKIE = "lang"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600


def supported(language: str | None) -> str | None:
    """The language when the app offers it, else None."""
    return language if language in current_app.config["LANGUAGES"] else None


def select_locale() -> str | None:
    """In this order: ?lang= in the URL (a shared link), the user's chosen language,
    the one picked before logging in (cookie), the browser's. Outside a request (CLI,
    services) the default, unless the caller forces one with force_locale."""
    if not has_request_context():
        return None
    asked = supported(request.args.get("lang"))
    if asked:
        return asked
    if current_user.is_authenticated and current_user.language:
        return current_user.language
    return supported(request.cookies.get(LANGUAGE_COOKIE)) or request.accept_languages.best_match(
        current_app.config["LANGUAGES"]
    )


def select_timezone() -> str | None:
    """Users read times in their office's zone; stored times are UTC."""
    if has_request_context() and current_user.is_authenticated:
        return current_user.office.timezone
    return None
