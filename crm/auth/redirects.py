"""Where a `next` parameter may send the user: only to this site."""
from urllib.parse import urlsplit


def is_local_path(target: str | None) -> bool:
    """A path on this site. Browsers read backslashes and drop tabs and newlines,
    so "/\\\\evil.example" would leave the site: those are refused too."""
    if not target or not target.startswith("/") or "\\" in target:
        return False
    if any(ord(char) < 32 or ord(char) == 127 for char in target):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc and not target.startswith("//")


def local_or(target: str | None, default: str) -> str:
    """`target` when it stays on this site, else `default`."""
    return target if is_local_path(target) else default
