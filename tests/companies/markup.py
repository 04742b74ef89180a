"""Checks on a page's HTML that every area's pages must pass: one <h1>, and a label
for every form field a person fills in."""
from html.parser import HTMLParser

UNLABELLED_TYPES = {"hidden", "submit", "button", "reset", "image"}


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.h1 = 0
        self.fields: list[dict] = []
        self.label_targets: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "h1":
            self.h1 += 1
        elif tag == "label" and attrs.get("for"):
            self.label_targets.add(attrs["for"])
        elif tag in ("input", "select", "textarea") and attrs.get("type") not in UNLABELLED_TYPES:
            self.fields.append(attrs)


def check_page(html: str) -> None:
    """Assert exactly one <h1> and that each field has an id some <label for=...> names."""
    page = _Page()
    page.feed(html)
    assert page.h1 == 1, f"{page.h1} <h1> elements"
    unlabelled = [f.get("name") for f in page.fields if f.get("id") not in page.label_targets]
    assert not unlabelled, f"fields without a label: {unlabelled}"
