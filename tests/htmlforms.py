"""Reading the POST forms off a rendered page (for the hostile-input sweep and bench/concurrency.py)."""
from html.parser import HTMLParser
from urllib.parse import urlsplit


class FormParser(HTMLParser):
    """The POST forms of a page: action, field names with their current values and choices."""

    def __init__(self):
        super().__init__()
        self.forms = []
        self.select = None
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            if (attrs.get("method") or "get").lower() == "post":
                self.forms.append({"action": attrs.get("action") or "", "fields": {}})
            return
        if not self.forms or (tag not in ("input", "select", "option", "textarea", "button")):
            return
        fields = self.forms[-1]["fields"]
        name = attrs.get("name")
        if tag == "input" and name:
            field = fields.setdefault(name, {"values": [], "choices": []})
            if attrs.get("type") in ("checkbox", "radio"):
                field["choices"].append(attrs.get("value") or "y")
                if "checked" in attrs:
                    field["values"].append(attrs.get("value") or "y")
            else:
                field["values"].append(attrs.get("value") or "")
        elif tag == "select" and name:
            self.select = fields.setdefault(name, {"values": [], "choices": []})
        elif tag == "option" and self.select is not None:
            self.select["choices"].append(attrs.get("value") or "")
            if "selected" in attrs:
                self.select["values"].append(attrs.get("value") or "")
        elif tag == "textarea" and name:
            self.textarea = fields.setdefault(name, {"values": [""], "choices": []})

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea["values"][0] += data


def forms_posting_to(html: str, page_path: str, target: str) -> list[dict]:
    parser = FormParser()
    parser.feed(html)
    return [form["fields"] for form in parser.forms
            if (urlsplit(form["action"]).path or page_path) == target]


def form_values(fields: dict) -> dict[str, list[str]]:
    """What a browser would send for the form as the page fills it (unticked boxes send nothing)."""
    return {name: field["values"] for name, field in fields.items() if field["values"]}
