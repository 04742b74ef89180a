"""Every user-visible text is marked for translation, and every catalogue translates
every marked text.

The scan is deliberately simple: it looks at what a reader would see in a template
(text between tags and the title, placeholder, aria-label and alt attributes, with
everything inside Jinja tags ignored) and at the Python calls whose strings reach a
user (flash, abort, ValidationError, form labels, descriptions and validator messages,
export headers). Text that is not English prose or is the same in every language is
listed in the allow-lists below, each with its reason."""
import ast
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import wtforms.fields
import wtforms.validators
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from jinja2 import Environment

from config import Config

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "crm" / "translations"
# Every language the app offers, except the one the code is written in, needs a complete catalogue.
LANGUAGES = tuple(code for code in Config.LANGUAGES if code != Config.BABEL_DEFAULT_LOCALE)
ATTRIBUTES = {"title", "placeholder", "aria-label", "alt"}
# A word of at least two Latin letters: "Jinan" counts, "·", "…" and "▲" do not.
WORD = re.compile(r"[A-Za-z]{2,}")
PUNCTUATION = " ·()…:,;–—-"

# Template text that is the same in every language: names, file formats, units.
ALLOWED_TEMPLATE_TEXT = {
    "Jadebridge",  # the product's name
    "CSV", "XLSX", "ICS", ".ics", "PDF", "KB",  # file formats and sizes
    "WeChat",  # a proper name
    "English", "中文", "Deutsch", "Suomi",  # each language names itself in the switcher
}
# Python strings shown to users on purpose in English: machine-readable field names.
# Companies and people export the column names the import reads, so the file can go
# back in unchanged (crm/companies/views.py, crm/people/views.py).
MACHINE_HEADERS = {"crm/companies/views.py", "crm/people/views.py"}
# Calls that show a user one of their arguments: the message's position.
USER_CALLS = {"flash": 0, "abort": 1, "ValidationError": 0}
# Form fields (first argument: the label) and validators; their keywords that carry a text.
FIELDS = set(wtforms.fields.__all__)
VALIDATORS = set(wtforms.validators.__all__)
USER_KEYWORDS = {"label", "description", "message", "placeholder"}


def templates() -> list[Path]:
    return sorted((ROOT / "templates").rglob("*.html")) + sorted((ROOT / "templates").rglob("*.txt"))


def python_files() -> list[Path]:
    return sorted(p for p in (ROOT / "crm").rglob("*.py") if "translations" not in p.parts)


class VisibleText(HTMLParser):
    """Collects text nodes and the visible attributes; Jinja code was replaced by \\0."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        self.found.extend(value for name, value in attrs if name in ATTRIBUTES and value)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.found.append(data)


def template_without_jinja(source: str) -> str:
    """The template's raw markup, every Jinja tag, expression and comment replaced by \\0."""
    pieces = []
    for _line, token, value in Environment(extensions=["jinja2.ext.do"]).lex(source):
        if token == "data":
            pieces.append(value)
        elif not pieces or pieces[-1] != "\0":
            pieces.append("\0")
    return "".join(pieces)


def unmarked_in_template(source: str) -> list[str]:
    parser = VisibleText()
    parser.feed(template_without_jinja(source))
    parser.close()
    texts = (" ".join(part.split()).strip(PUNCTUATION) for found in parser.found for part in found.split("\0"))
    return [t for t in texts if WORD.search(t) and t not in ALLOWED_TEMPLATE_TEXT]


def string_constant(node: ast.AST) -> bool:
    """A literal text (or f-string) a user would read untranslated."""
    if isinstance(node, ast.JoinedStr):
        return True
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and bool(WORD.search(node.value))


def call_name(node: ast.Call) -> str:
    func = node.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def unmarked_in_python(source: str, path: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            name = call_name(node)
            arguments = []
            if name in USER_CALLS:
                arguments = node.args[USER_CALLS[name]:USER_CALLS[name] + 1]
            elif name in FIELDS or name in VALIDATORS:
                arguments = [k.value for k in node.keywords if k.arg in USER_KEYWORDS]
                if name in FIELDS:
                    arguments.extend(node.args[:1])
            found.extend(f"line {node.lineno}: {name}({ast.unparse(a)})" for a in arguments if string_constant(a))
        elif isinstance(node, ast.Assign) and path not in MACHINE_HEADERS:
            names = [t.id for t in node.targets if isinstance(t, ast.Name)]
            if any(n.endswith("HEADERS") and n != "HEADERS" for n in names) and isinstance(node.value, ast.List):
                found.extend(f"line {node.lineno}: {names[0]} {ast.unparse(e)}"
                             for e in node.value.elts if string_constant(e))
    return found


@pytest.mark.parametrize("path", templates(), ids=lambda p: str(p.relative_to(ROOT)))
def test_template_marks_every_visible_text_for_translation(path):
    assert unmarked_in_template(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("path", python_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_python_marks_every_user_message_for_translation(path):
    relative = str(path.relative_to(ROOT))
    assert unmarked_in_python(path.read_text(encoding="utf-8"), relative) == []


def test_the_template_scan_finds_unmarked_text_and_attributes():
    source = '<h1>{{ _("Companies") }}</h1><p title="Open it">Hello {{ name }}</p><a aria-label="{{ _("x") }}">CSV</a>'
    assert unmarked_in_template(source) == ["Open it", "Hello"]


def test_the_python_scan_finds_unmarked_messages():
    source = (
        'flash("Saved.")\nflash(_("Saved."))\nname = StringField("Name", validators=[Length(message="Too long")])\n'
        'abort(404, f"No {x}")\nEXPORT_HEADERS = ["Due", _l("Company")]\n'
    )
    assert sorted(line.split(":")[0] for line in unmarked_in_python(source, "crm/x.py")) == [
        "line 1", "line 3", "line 3", "line 4", "line 5",
    ]


def marked_messages() -> set[str]:
    """Every msgid the code marks, extracted as `make translations-extract` does."""
    with open(ROOT / "babel.cfg", encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    keywords = {**DEFAULT_KEYWORDS, "_l": None}
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=keywords
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


@pytest.fixture(scope="module")
def marked():
    return marked_messages()


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_translates_every_marked_message(language, marked):
    with open(TRANSLATIONS / language / "LC_MESSAGES" / "messages.po", "rb") as po:
        catalogue = read_po(po)
    translated = set()
    problems = []
    for message in catalogue:
        if not message.id:
            continue
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            problems.append(f"fuzzy: {key}")
        elif not all(strings):
            problems.append(f"empty: {key}")
        else:
            translated.add(key)
    problems.extend(f"missing: {m}" for m in sorted(marked - translated - {p.split(': ', 1)[1] for p in problems}))
    assert problems == []
