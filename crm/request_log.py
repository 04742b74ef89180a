"""One structured log line per request, and errors, without personal data.

A line holds the method, the endpoint name (never the path with its query string), the
status, the duration and the user's id: no e-mail addresses, names, passwords or form data."""
import json
import logging
import time

from flask import Flask, g, request
from flask_login import current_user

log = logging.getLogger("crm.requests")

# LogRecord attributes that are not fields of our own.
STANDARD_ATTRIBUTES = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """A JSON object per line: time, level, logger, message and the record's extra fields."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        line.update({key: value for key, value in vars(record).items() if key not in STANDARD_ATTRIBUTES})
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str, ensure_ascii=False)


def init_app(app: Flask) -> None:
    app_logger = logging.getLogger("crm")
    if not app_logger.handlers and not app.testing:  # tests read the records through caplog
        handler = logging.StreamHandler()
        handler.setFormatter(JsonFormatter())
        app_logger.addHandler(handler)
    app_logger.setLevel(logging.INFO)
    app.before_request(start_timer)
    app.after_request(log_request)


def start_timer() -> None:
    g.request_started = time.perf_counter()


def log_request(response):
    started = g.get("request_started", time.perf_counter())
    log.info("request", extra={
        "method": request.method,
        "endpoint": request.endpoint,
        "status": response.status_code,
        "duration_ms": round((time.perf_counter() - started) * 1000, 1),
        "user_id": current_user.id if current_user.is_authenticated else None,
    })
    return response
