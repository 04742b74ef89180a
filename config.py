"""Configuration read from the environment.

There is deliberately no default SECRET_KEY: `make run` sets a development one,
production must set its own.
"""
import os


def env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes"}


def database_url(url: str | None) -> str | None:
    """Accept the usual `postgres://` URLs and drive them with psycopg 3."""
    if url is None:
        return None
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY")
    # None means: an SQLite file under instance/, filled in by create_app.
    SQLALCHEMY_DATABASE_URI = database_url(os.environ.get("DATABASE_URL"))
    # hide_parameters: a database error in the log never shows the values (names, e-mails) it was given.
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True, "hide_parameters": True}
    BOOTSTRAP_SERVE_LOCAL = True
    BABEL_DEFAULT_LOCALE = "en"
    BABEL_DEFAULT_TIMEZONE = "UTC"
    LANGUAGES = ("en", "zh", "de", "fi")
    PER_PAGE = 25
    # The retention report lists people with no interaction for this many years.
    RETENTION_YEARS = int(os.environ.get("RETENTION_YEARS", "3"))
    # X-SQL-Statements response header, for the benchmark (bench/run.py); never in production.
    COUNT_SQL_STATEMENTS = os.environ.get("COUNT_SQL_STATEMENTS") == "1"
    # Rate limits count in memory per process unless a shared store is given (redis://...).
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    # Outgoing e-mail (reminders); MAIL_SERVER unset means e-mail is switched off.
    MAIL_SERVER = os.environ.get("MAIL_SERVER")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "25"))
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD")
    MAIL_USE_TLS = env_flag("MAIL_USE_TLS")
    MAIL_FROM = os.environ.get("MAIL_FROM", "Jadebridge <noreply@localhost>")
    # The JSON API (crm/api/): OpenAPI document at /api/v1/openapi.json, requests per token.
    API_TITLE = "Jadebridge API"
    API_VERSION = "v1"
    OPENAPI_VERSION = "3.0.3"
    OPENAPI_URL_PREFIX = "/api/v1"
    OPENAPI_JSON_PATH = "openapi.json"
    API_RATE_LIMIT = os.environ.get("API_RATE_LIMIT", "300 per minute")
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    # Served over HTTPS (behind the TLS proxy): browsers then send the cookies over HTTPS only.
    SESSION_COOKIE_SECURE = REMEMBER_COOKIE_SECURE = env_flag("HTTPS")
    # How many reverse proxies (nginx, Caddy) stand in front and set X-Forwarded-For/-Proto;
    # 0 trusts no such header, so a client cannot claim another address.
    TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))
    # A session unused this long is logged out.
    SESSION_IDLE_MINUTES = int(os.environ.get("SESSION_IDLE_MINUTES", "60"))
    # Failed logins allowed per typed account and per client address (limits notation), and the
    # run of failures for one account after which the admins are told.
    LOGIN_LIMIT_PER_ACCOUNT = os.environ.get("LOGIN_LIMIT_PER_ACCOUNT", "5 per 15 minutes")
    LOGIN_LIMIT_PER_IP = os.environ.get("LOGIN_LIMIT_PER_IP", "20 per 15 minutes")
    LOGIN_FAILURES_NOTICE = int(os.environ.get("LOGIN_FAILURES_NOTICE", "5"))
    # Seconds a webhook endpoint has to answer; http:// to 127.0.0.1/localhost is accepted only for tests.
    WEBHOOKS_TIMEOUT = float(os.environ.get("WEBHOOKS_TIMEOUT", "10"))
    WEBHOOKS_ALLOW_LOOPBACK = False


class TestConfig(Config):
    TESTING = True
    SECRET_KEY = "test-secret-key"
    SQLALCHEMY_DATABASE_URI = database_url(os.environ.get("TEST_DATABASE_URL"))
    # Most tests post forms directly; tests/test_csrf.py switches it back on.
    WTF_CSRF_ENABLED = False
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"  # fast hashing keeps the suite quick
