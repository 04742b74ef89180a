"""The uploaded file between the steps of an import, kept under instance/imports/.

Files are named by a random token held in the session, never by anything the user sent;
they are deleted after the import (and any left behind after a day)."""
import json
import os
import re
import secrets
import time

from flask import current_app

TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
MAX_AGE_SECONDS = 24 * 3600


def folder() -> str:
    path = os.path.join(current_app.instance_path, "imports")
    os.makedirs(path, exist_ok=True)
    return path


def _path(token: str, suffix: str) -> str:
    if not TOKEN.match(token or ""):
        raise FileNotFoundError("not an import token")
    return os.path.join(folder(), f"{token}.{suffix}")


def save(data: bytes) -> str:
    """Keep an upload; returns its token."""
    remove_stale()
    token = secrets.token_urlsafe(24)
    with open(_path(token, "upload"), "wb") as handle:
        handle.write(data)
    return token


def load(token: str) -> bytes:
    with open(_path(token, "upload"), "rb") as handle:
        return handle.read()


def save_result(token: str, result: dict) -> None:
    with open(_path(token, "result.json"), "w", encoding="utf-8") as handle:
        json.dump(result, handle)


def load_result(token: str) -> dict:
    with open(_path(token, "result.json"), encoding="utf-8") as handle:
        return json.load(handle)


def delete(token: str, suffix: str = "upload") -> None:
    try:
        os.remove(_path(token, suffix))
    except FileNotFoundError:
        pass


def remove_stale() -> None:
    limit = time.time() - MAX_AGE_SECONDS
    for entry in os.scandir(folder()):
        if entry.is_file() and entry.stat().st_mtime < limit:
            try:
                os.remove(entry.path)
            except OSError:
                pass
