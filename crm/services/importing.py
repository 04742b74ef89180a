"""Importing companies from a spreadsheet: read, map columns, validate, plan, apply.

1. `read_table(data, filename)`: CSV (UTF-8 with or without BOM, GB18030/GBK as Chinese
   Excel saves it, UTF-16 "Unicode text"; comma, semicolon or tab; quoted fields with
   line breaks) or XLSX (first sheet). Refuses with `ImportFileError` and a clear message
   when the bytes cannot be read without garbling them.
2. `suggest_mapping(headers)`: which column holds which field, from canonical names,
   the fields' labels and common aliases, case- and accent-insensitive.
3. `plan_import(table, mapping, lookups)`: every row validated and checked for probable
   duplicates; nothing is written.
4. `apply_plan(plan, decisions, ...)`: adds the companies (and contacts) to the session.
   The caller commits, or not.

Row numbers are those a spreadsheet shows: the header is row 1.
"""
import codecs
import csv
import io
import re
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from urllib.parse import urlsplit, urlunsplit

import sqlalchemy as sa
from babel import Locale
from email_validator import EmailNotValidError, validate_email
from flask import current_app, has_request_context
from flask_babel import force_locale, gettext
from flask_babel import lazy_gettext as _l

from crm.extensions import db
from crm.models import (
    Affiliation,
    AlternativeName,
    Company,
    CompanyKind,
    CompanySize,
    ContactSource,
    Office,
    Person,
    PipelineStatus,
    Sector,
    Tag,
    User,
)
from crm.services import dedupe, registration
from crm.services.normalise import fold

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # old .xls, or an encrypted workbook
# Below this share of common (GB2312) characters, a GB18030 reading is taken for garbage.
GB2312_SHARE = 0.8


def _(text: str, **variables) -> str:
    """gettext in a request; English outside one (the CLI, tests), where no locale is chosen."""
    if has_request_context():
        return gettext(text, **variables)
    return text % variables if variables else text


def text_of(label) -> str:
    """A lazy label as text: translated in a request, its English source elsewhere."""
    return str(label) if has_request_context() else _source_text(label)


class ImportFileError(Exception):
    """The file cannot be read; the message says why, for the person who uploaded it."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# --- reading -------------------------------------------------------------


@dataclass
class Table:
    """A spreadsheet's header and its non-blank rows, with their spreadsheet row numbers."""

    headers: list[str]
    rows: list[tuple[int, list[str]]]
    blank_rows: list[int] = field(default_factory=list)
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    sheet_count: int = 1

    def samples(self, column: int, count: int = 3) -> list[str]:
        values = [cells[column] for _row, cells in self.rows if column < len(cells) and cells[column]]
        return values[:count]


def read_table(data: bytes, filename: str = "") -> Table:
    """The table in a CSV or XLSX file, chosen by content (and by name for .xls)."""
    if not data or not data.strip():
        raise ImportFileError(_("The file is empty."))
    if data.startswith(XLSX_MAGIC):
        return read_xlsx(data)
    if data.startswith(OLE_MAGIC) or filename.lower().endswith(".xls"):
        raise ImportFileError(
            _("Old Excel files (.xls) and password-protected workbooks cannot be read: save the file as .xlsx or CSV.")
        )
    if filename.lower().endswith(".xlsx"):
        raise ImportFileError(_("The file is not a readable XLSX workbook."))
    return read_csv(data)


def decode_text(data: bytes) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was read in.

    UTF-8 (with or without BOM) first, then GB18030 (a superset of the GBK that Chinese
    Excel writes), read strictly; a GB18030 reading made mostly of rare characters is the
    sign of a Latin-1 or Windows-1252 file, which is refused rather than garbled."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise ImportFileError(_("The file starts like UTF-16 text but is damaged.")) from None
    try:
        text = data.decode("utf-8-sig")
        encoding = "utf-8"
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            raise ImportFileError(_unknown_encoding_message()) from None
        if not _plausible_chinese(text):
            raise ImportFileError(_unknown_encoding_message())
        encoding = "gb18030"
    if "\x00" in text:
        raise ImportFileError(_("The file contains binary data; upload a CSV or XLSX file."))
    garbled = find_mojibake(text)
    if garbled:
        raise ImportFileError(
            _(
                "The file contains garbled text such as “%(bad)s” (which should read “%(good)s”): it was "
                "converted with the wrong encoding before. Export it again as CSV UTF-8 or XLSX.",
                bad=garbled[0],
                good=garbled[1],
            )
        )
    if "\ufffd" in text:
        raise ImportFileError(
            _("The file contains replacement characters (�) where letters were lost; "
              "export it again as CSV UTF-8 or XLSX.")
        )
    return text, encoding


def _unknown_encoding_message() -> str:
    return _(
        "The file is neither UTF-8 nor Chinese GB18030/GBK text (perhaps Windows-1252 or Latin-1). "
        "Save it as “CSV UTF-8” or XLSX and upload it again."
    )


def _plausible_chinese(text: str) -> bool:
    wide = [char for char in text if ord(char) > 0x7F]
    if not wide:
        return True
    if any("\ue000" <= char <= "\uf8ff" for char in wide):  # GBK's user-defined area
        return False
    common = 0
    for char in wide:
        try:
            char.encode("gb2312")
            common += 1
        except UnicodeEncodeError:
            pass
    return common / len(wide) >= GB2312_SHARE


# UTF-8 bytes read as Windows-1252 or Latin-1: 'Ã¼' for 'ü', 'â€™' for '’'.
_CP1252_EXTRA = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_WORD_END = re.compile(r"[\s,;\t\"']")
_MOJIBAKE = re.compile(f"[\u00c2-\u00f4][\u0080-\u00bf{_CP1252_EXTRA}]+")


def find_mojibake(text: str) -> tuple[str, str] | None:
    """The first piece of UTF-8 read in the wrong encoding, and what it should say."""
    for found in _MOJIBAKE.finditer(text):
        piece = found.group(0)
        raw = bytearray()
        for char in piece:
            try:
                raw += char.encode("cp1252")
            except UnicodeEncodeError:
                raw += char.encode("latin-1")
        try:
            fixed = raw.decode("utf-8")
        except UnicodeDecodeError:
            continue
        start, end = found.start(), found.end()  # widen to the whole word
        while start > 0 and found.start() - start < 20 and not _WORD_END.match(text[start - 1]):
            start -= 1
        while end < len(text) and end - found.end() < 20 and not _WORD_END.match(text[end]):
            end += 1
        context = text[start:end]
        return context, context.replace(piece, fixed)
    return None


def detect_delimiter(first_line: str) -> str:
    """Semicolon (German and Finnish Excel), tab (Unicode text) or comma: the most frequent."""
    counts = {delimiter: first_line.count(delimiter) for delimiter in (",", ";", "\t")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def read_csv(data: bytes) -> Table:
    text, encoding = decode_text(data)
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    sep_line = re.fullmatch(r'"?sep=(.)"?', first.strip())
    if sep_line:  # Excel's "sep=;" hint, not a row
        delimiter = sep_line.group(1)
        text = text.split("\n", 1)[1] if "\n" in text else ""
    else:
        delimiter = detect_delimiter(first)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise ImportFileError(_("The CSV file is malformed: %(error)s", error=str(error))) from None
    table = _table_from_records((number, [clean_cell(value) for value in record]) for number, record in
                                enumerate(records, start=1))
    table.encoding, table.delimiter = encoding, delimiter
    return table


def read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        raise ImportFileError(_("The file is not a readable XLSX workbook.")) from None
    try:
        if not workbook.worksheets:
            raise ImportFileError(_("The workbook has no sheet."))
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # some writers record wrong dimensions
        records = (
            (number, [clean_cell(value) for value in values])
            for number, values in enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1)
        )
        table = _table_from_records(records)
        table.sheet, table.sheet_count = sheet.title, len(workbook.worksheets)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError):
        raise ImportFileError(_("The XLSX workbook is damaged and cannot be read.")) from None
    finally:
        workbook.close()
    return table


def _table_from_records(records: Iterable[tuple[int, list[str]]]) -> Table:
    headers: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    blank: list[int] = []
    for number, cells in records:
        cells = [strip_neutraliser(cell).strip() for cell in cells]
        if not any(cells):
            if headers is not None:
                blank.append(number)
            continue
        if headers is None:
            headers = cells
            continue
        rows.append((number, cells))
    if headers is None:
        raise ImportFileError(_("The file is empty."))
    while headers and not headers[-1]:
        headers.pop()
    # Trailing blank cells of the last rows are dropped from the ends of the numbering.
    while blank and rows and blank[-1] > rows[-1][0]:
        blank.pop()
    if not rows:
        blank = []
    return Table(headers=headers, rows=rows, blank_rows=blank)


def clean_cell(value) -> str:
    """A cell as text: phone numbers stored as numbers keep no '.0', dates are ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, (date, time)):
        return value.isoformat()
    return str(value)


def strip_neutraliser(value: str) -> str:
    """Undo the export's formula guard: "'=SUM(1)" reads back as "=SUM(1)"."""
    if value.startswith("'") and value[1:2] and value[1] in FORMULA_STARTS:
        return value[1:]
    return value


# --- column mapping ------------------------------------------------------


@dataclass(frozen=True)
class ImportField:
    name: str
    label: object  # a lazy string
    aliases: tuple[str, ...] = ()


FIELDS: tuple[ImportField, ...] = (
    ImportField("name", _l("Name"), (
        "company", "company name", "name of company", "firm", "organisation", "organization", "firma",
        "firmenname", "unternehmen", "unternehmensname", "name des unternehmens", "yritys", "yrityksen nimi",
        "nimi", "公司", "公司名称", "企业", "企业名称", "单位", "单位名称", "名称", "english name", "name en",
    )),
    ImportField("name_local", _l("Local name"), (
        "name local", "local name", "name in local script", "name (local)", "name (chinese)", "chinese name",
        "native name", "original name", "name zh", "name cn", "中文名", "中文名称", "公司中文名称", "本地名称",
    )),
    ImportField("city", _l("City"), (
        "town", "ort", "stadt", "sitz", "kaupunki", "paikkakunta", "城市", "所在城市", "所在地",
    )),
    ImportField("country", _l("Country"), (
        "country code", "land", "staat", "maa", "国家", "国家地区", "国别",
    )),
    ImportField("sector", _l("Sectors"), (
        "sector", "sectors", "industry", "industries", "branche", "branchen", "wirtschaftszweig", "toimiala",
        "行业", "所属行业", "领域",
    )),
    ImportField("website", _l("Website"), (
        "web", "web site", "url", "homepage", "home page", "webseite", "internetseite", "internet", "www",
        "verkkosivu", "verkkosivut", "kotisivu", "网站", "网址", "官网", "公司网站",
    )),
    ImportField("email", _l("E-mail"), (
        "email", "e mail", "mail", "email address", "e mail address", "e mail adresse", "emailadresse",
        "sahkoposti", "邮箱", "电子邮件", "电子邮箱", "邮件",
    )),
    ImportField("phone", _l("Phone"), (
        "telephone", "tel", "phone number", "telefon", "telefonnummer", "puhelin", "puhelinnumero",
        "电话", "联系电话", "公司电话",
    )),
    ImportField("description", _l("Description"), (
        "about", "profile", "company profile", "beschreibung", "firmenprofil", "kuvaus",
        "简介", "公司简介", "描述", "介绍",
    )),
    ImportField("offers", _l("Offers"), (
        "offer", "offering", "we offer", "angebot", "bietet", "tarjoaa", "tarjonta", "提供", "可提供", "优势",
    )),
    ImportField("seeks", _l("Seeks"), (
        "seek", "looking for", "wanted", "sucht", "gesucht", "nachfrage", "etsii", "需求", "寻求", "合作需求",
    )),
    ImportField("contact_name", _l("Contact person"), (
        "contact", "contact name", "contact person", "ansprechpartner", "ansprechperson", "kontakt",
        "kontaktperson", "yhteyshenkilo", "联系人", "联系人姓名",
    )),
    ImportField("contact_email", _l("Contact e-mail"), (
        "contact email", "contact e mail", "contact mail", "ansprechpartner email", "kontakt email",
        "yhteyshenkilon sahkoposti", "联系人邮箱", "联系人电子邮件",
    )),
    ImportField("contact_phone", _l("Contact phone"), (
        "contact phone", "contact telephone", "contact tel", "ansprechpartner telefon", "kontakt telefon",
        "yhteyshenkilon puhelin", "联系人电话", "联系人手机", "手机",
    )),
    ImportField("owner_email", _l("Owner"), (
        "owner", "owner email", "owner e mail", "account owner", "responsible", "zustandig", "betreuer",
        "vastuuhenkilo", "负责人", "负责人邮箱",
    )),
    ImportField("status", _l("Status"), ("pipeline status", "pipeline", "stage", "stand", "tila", "状态")),
    ImportField("tags", _l("Tags"), ("tag", "labels", "keywords", "schlagworte", "schlagwörter", "tunnisteet", "标签")),
    ImportField("kind", _l("Kind"), ("type", "organisation type", "art", "typ", "tyyppi", "类型")),
    ImportField("size", _l("Size"), ("employees", "company size", "grosse", "mitarbeiter", "koko", "规模", "员工人数")),
    ImportField("source", _l("Source"), ("contact source", "lead source", "quelle", "lahde", "来源")),
    ImportField("cooperation_interests", _l("Cooperation interests"), (
        "cooperation", "interests", "kooperationsinteressen", "yhteistyo", "合作意向",
    )),
    ImportField("office", _l("Office"), ("buro", "geschaftsstelle", "toimisto", "办事处", "代表处")),
)
FIELDS_BY_NAME = {f.name: f for f in FIELDS}
# Company columns an import can fill or overwrite, in the order shown.
COMPANY_FIELDS = (
    "name", "name_local", "kind", "city", "country", "size", "website", "email", "phone",
    "description", "offers", "seeks", "cooperation_interests", "status", "source", "owner_id", "office_id",
)
SINGLE_LINE = {"name", "name_local", "city", "country", "website", "email", "phone", "contact_name",
               "contact_email", "contact_phone", "owner_email", "status", "kind", "size", "source", "office"}


def header_key(text: str) -> str:
    """'E-Mail', 'e_mail' and 'EMAIL ' agree: folded, without spaces or punctuation."""
    return re.sub(r"[\W_]+", "", fold(text))


def _source_text(label) -> str:
    """The English source of a lazy label: what an English export writes."""
    args = getattr(label, "_args", None)
    return str(args[0]) if args else str(label)


def translations_of(label) -> set[str]:
    """A label as every language of the app writes it, plus its English source."""
    texts = {_source_text(label)}
    if has_request_context():
        texts.add(str(label))
        for language in current_app.config.get("LANGUAGES", ()):
            with force_locale(language):
                texts.add(str(label))
    return texts


def header_aliases() -> dict[str, str]:
    """Every accepted header key -> the field it names."""
    aliases: dict[str, str] = {}
    for import_field in FIELDS:
        names = {import_field.name, *import_field.aliases, *translations_of(import_field.label)}
        for name in names:
            aliases.setdefault(header_key(name), import_field.name)
    return aliases


def suggest_mapping(headers: Sequence[str]) -> list[str | None]:
    """For each column the field it most likely holds, or None; each field at most once."""
    aliases = header_aliases()
    taken: set[str] = set()
    mapping: list[str | None] = []
    for header in headers:
        name = aliases.get(header_key(header)) if header else None
        if name in taken:
            name = None
        if name:
            taken.add(name)
        mapping.append(name)
    return mapping


def check_mapping(mapping: Sequence[str | None]) -> list[str]:
    """Problems with a mapping chosen by hand: the name column is needed, no field twice."""
    problems = []
    chosen = [name for name in mapping if name]
    if "name" not in chosen:
        problems.append(_("Choose the column that holds the company name."))
    for name in sorted({n for n in chosen if chosen.count(n) > 1}):
        if name in FIELDS_BY_NAME:
            label = text_of(FIELDS_BY_NAME[name].label)
            problems.append(_("%(field)s is chosen for more than one column.", field=label))
    for name in chosen:
        if name not in FIELDS_BY_NAME:
            problems.append(_("Unknown field %(field)s.", field=name))
    return problems


# --- values --------------------------------------------------------------

_LABEL = r"[a-z0-9\u00a1-\uffff](?:[a-z0-9\u00a1-\uffff-]{0,61}[a-z0-9\u00a1-\uffff])?"
_HOSTNAME = re.compile(rf"^(?=.{{1,253}}$)(?:{_LABEL}\.)+[a-z\u00a1-\uffff][a-z0-9\u00a1-\uffff-]{{0,62}}$")
_LIST_SPLIT = re.compile(r"[,;\n、]+")
COUNTRY_ALIASES = {
    "uk": "GB", "great britain": "GB", "england": "GB", "usa": "US", "u s a": "US", "united states of america": "US",
    "prc": "CN", "pr china": "CN", "p r china": "CN", "peoples republic of china": "CN", "vr china": "CN",
    "volksrepublik china": "CN", "中华人民共和国": "CN", "中國": "CN", "brd": "DE", "deutschland": "DE",
    "suomi": "FI", "republic of korea": "KR", "south korea": "KR",
}
COUNTRY_LANGUAGES = ("en", "de", "zh", "zh_Hant", "fi")
_country_names: dict[str, str] | None = None


def country_key(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]+", " ", fold(text))).strip()


def country_names() -> dict[str, str]:
    """Folded country names in English, German, Chinese and Finnish -> ISO alpha-2 code."""
    global _country_names
    if _country_names is None:
        names: dict[str, str] = {}
        for language in COUNTRY_LANGUAGES:
            for code, name in Locale.parse(language).territories.items():
                if len(code) == 2 and code.isalpha():
                    names.setdefault(country_key(name), code)
        for alias, code in COUNTRY_ALIASES.items():
            names[country_key(alias)] = code
        _country_names = names
    return _country_names


def parse_country(value: str) -> str | None:
    """'de', 'Germany', 'Deutschland', '德国' and 'Saksa' all give 'DE'; unknown gives None."""
    names = country_names()
    if len(value) == 2 and value.isascii() and value.isalpha():
        code = value.upper()
        return code if code in set(names.values()) else None
    return names.get(country_key(value))


def normalise_website(value: str) -> str | None:
    """'example.de/about' -> 'https://example.de/about'; None when it is no web address."""
    url = value.strip()
    if not re.match(r"^[a-z][a-z0-9+.-]*://", url, re.IGNORECASE):
        url = "https://" + url
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host or not _HOSTNAME.match(host):
        return None
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path, parts.query, parts.fragment))


def normalise_email(value: str) -> str | None:
    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError:
        return None


def split_list(value: str) -> list[str]:
    """'Laser, Optics; Robotics' -> ['Laser', 'Optics', 'Robotics'], first spelling wins."""
    seen: dict[str, str] = {}
    for part in _LIST_SPLIT.split(value):
        part = re.sub(r"\s+", " ", part).strip()
        if part:
            seen.setdefault(fold(part), part)
    return list(seen.values())


def enum_lookup(enum_cls) -> dict[str, object]:
    """Folded values and labels (in every language) of an enum -> member."""
    lookup = {}
    for member in enum_cls:
        lookup.setdefault(fold(member.value), member)
        for text in translations_of(member.label):
            lookup.setdefault(fold(text), member)
    return lookup


# --- lookups from the database -------------------------------------------


@dataclass
class Lookups:
    """What validation and dedupe need from the database, loaded once per plan."""

    sectors: dict[str, Sector] = field(default_factory=dict)  # folded name -> sector
    tags: dict[str, Tag] = field(default_factory=dict)
    users_by_email: dict[str, int] = field(default_factory=dict)  # lower-case e-mail -> id (active users)
    users_by_name: dict[str, int | None] = field(default_factory=dict)  # folded name -> id, None if ambiguous
    offices: dict[str, int] = field(default_factory=dict)  # folded name -> id
    companies: list[dedupe.Record] = field(default_factory=list)
    company_names: dict[int, str] = field(default_factory=dict)


def load_lookups() -> Lookups:
    lookups = Lookups()
    for sector in db.session.scalars(sa.select(Sector)):
        lookups.sectors[fold(sector.name)] = sector
    for tag in db.session.scalars(sa.select(Tag)):
        lookups.tags[fold(tag.name)] = tag
    for user_id, email, name in db.session.execute(
        sa.select(User.id, User.email, User.name).where(User.active.is_(True))
    ):
        lookups.users_by_email[email.lower()] = user_id
        key = fold(name)
        lookups.users_by_name[key] = None if key in lookups.users_by_name else user_id
    for office_id, name in db.session.execute(sa.select(Office.id, Office.name)):
        lookups.offices[fold(name)] = office_id
    lookups.companies = existing_company_records()
    lookups.company_names = {record.key: record.label for record in lookups.companies}
    return lookups


def existing_company_records() -> list[dedupe.Record]:
    """Every company as dedupe sees it: its names in all scripts and forms, domains, registration."""
    rows = db.session.execute(
        sa.select(Company.id, Company.name, Company.name_local, Company.website, Company.email,
                  Company.registration_kind, Company.registration_number, Company.registration_court)
        .order_by(Company.id)
    )
    alternatives: dict[int, list[str]] = defaultdict(list)
    for company_id, name in db.session.execute(sa.select(AlternativeName.company_id, AlternativeName.name)):
        alternatives[company_id].append(name)
    return [
        dedupe.Record(key=id_, name=name, name_local=local, website=website, emails=(email,), label=name,
                      alternative_names=tuple(alternatives[id_]),
                      registration=registration.identity_key(kind, number, court))
        for id_, name, local, website, email, kind, number, court in rows
    ]


# --- planning ------------------------------------------------------------


@dataclass
class RowError:
    row: int
    field: str
    message: str


@dataclass
class DuplicateRef:
    """A probable duplicate of a row: an existing company (company_id) or an earlier row."""

    name: str
    score: float
    reason: str
    reasons: list = field(default_factory=list)
    company_id: int | None = None
    row: int | None = None


@dataclass
class PlannedRow:
    row: int
    name: str
    values: dict = field(default_factory=dict)
    sectors: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    contact: dict = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)
    duplicates: list[DuplicateRef] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def existing_duplicates(self) -> list[DuplicateRef]:
        return [d for d in self.duplicates if d.company_id is not None]


@dataclass
class ImportPlan:
    rows: list[PlannedRow]
    blank_rows: list[int]
    mapping: list[str | None]
    headers: list[str]
    new_sectors: list[str] = field(default_factory=list)  # created on import
    new_tags: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[RowError]:
        return [error for row in self.rows for error in row.errors]

    @property
    def error_rows(self) -> list[int]:
        return [row.row for row in self.rows if row.errors]

    @property
    def duplicate_rows(self) -> list[int]:
        return [row.row for row in self.rows if row.duplicates]

    @property
    def clean_rows(self) -> list[PlannedRow]:
        return [row for row in self.rows if row.ok and not row.duplicates]

    @property
    def ignored_headers(self) -> list[str]:
        return [h for h, m in zip(self.headers, self.mapping) if h and not m]


class _Validator:
    def __init__(self, lookups: Lookups):
        self.lookups = lookups
        self.statuses = enum_lookup(PipelineStatus)
        self.kinds = enum_lookup(CompanyKind)
        self.sizes = enum_lookup(CompanySize)
        self.sources = enum_lookup(ContactSource)
        self.new_sectors: dict[str, str] = {}
        self.new_tags: dict[str, str] = {}

    def row(self, number: int, raw: dict[str, str]) -> PlannedRow:
        planned = PlannedRow(row=number, name=raw.get("name", ""))

        def error(field_name: str, message: str) -> None:
            planned.errors.append(RowError(number, field_name, message))

        values = planned.values
        name = raw.get("name", "")
        if not name:
            error("name", _("The company name is missing."))
        for key, limit in (("name", 200), ("name_local", 200), ("city", 100), ("phone", 50)):
            if raw.get(key):
                if len(raw[key]) > limit:
                    error(key, _("Longer than %(limit)s characters.", limit=limit))
                else:
                    values[key] = raw[key]
        for key in ("description", "offers", "seeks", "cooperation_interests"):
            if raw.get(key):
                values[key] = raw[key]
        if raw.get("country"):
            code = parse_country(raw["country"])
            if code:
                values["country"] = code
            else:
                error("country", _("Unknown country “%(value)s”: use a two-letter code such as DE or CN, or the "
                                   "country's name.", value=raw["country"]))
        if raw.get("website"):
            website = normalise_website(raw["website"])
            if website is None:
                error("website", _("“%(value)s” is not a web address.", value=raw["website"]))
            elif len(website) > 300:
                error("website", _("Longer than %(limit)s characters.", limit=300))
            else:
                values["website"] = website
        for key, target in (("email", values), ("contact_email", planned.contact)):
            if raw.get(key):
                email = normalise_email(raw[key])
                if email is None:
                    error(key, _("“%(value)s” is not a valid e-mail address.", value=raw[key]))
                elif len(email) > 254:
                    error(key, _("Longer than %(limit)s characters.", limit=254))
                else:
                    target["email"] = email
        for key, lookup in (("status", self.statuses), ("kind", self.kinds), ("size", self.sizes),
                            ("source", self.sources)):
            if raw.get(key):
                member = lookup.get(fold(raw[key]))
                if member is None:
                    choices = ", ".join(text_of(m.label) for m in dict.fromkeys(lookup.values()))
                    error(key, _("Unknown value “%(value)s”; use one of: %(choices)s.",
                                 value=raw[key], choices=choices))
                else:
                    values[key] = member
        if raw.get("owner_email"):
            owner = raw["owner_email"]
            owner_id = self.lookups.users_by_email.get(owner.lower()) or self.lookups.users_by_name.get(fold(owner))
            if owner_id is None:
                error("owner_email", _("No active user with the e-mail address or name “%(value)s”.", value=owner))
            else:
                values["owner_id"] = owner_id
        if raw.get("office"):
            office_id = self.lookups.offices.get(fold(raw["office"]))
            if office_id is None:
                error("office", _("No office is called “%(value)s”.", value=raw["office"]))
            else:
                values["office_id"] = office_id
        if raw.get("sector"):
            for sector in split_list(raw["sector"]):
                if len(sector) > 100:
                    error("sector", _("Sector names have at most %(limit)s characters.", limit=100))
                    continue
                key = fold(sector)
                if key in self.lookups.sectors:
                    planned.sectors.append(self.lookups.sectors[key].name)
                else:
                    planned.sectors.append(self.new_sectors.setdefault(key, sector))
        if raw.get("tags"):
            for tag in split_list(raw["tags"]):
                if len(tag) > 60:
                    error("tags", _("Tags have at most %(limit)s characters.", limit=60))
                    continue
                key = fold(tag)
                if key in self.lookups.tags:
                    planned.tags.append(self.lookups.tags[key].name)
                else:
                    planned.tags.append(self.new_tags.setdefault(key, tag))
        if raw.get("contact_name"):
            if len(raw["contact_name"]) > 200:
                error("contact_name", _("Longer than %(limit)s characters.", limit=200))
            else:
                planned.contact["name"] = raw["contact_name"]
        if raw.get("contact_phone"):
            if len(raw["contact_phone"]) > 50:
                error("contact_phone", _("Longer than %(limit)s characters.", limit=50))
            else:
                planned.contact["phone"] = raw["contact_phone"]
        if (raw.get("contact_email") or raw.get("contact_phone")) and not raw.get("contact_name"):
            error("contact_name", _("A contact's e-mail or phone needs the contact's name too."))
        return planned


def row_values(cells: Sequence[str], mapping: Sequence[str | None]) -> dict[str, str]:
    raw: dict[str, str] = {}
    for index, name in enumerate(mapping):
        if name and index < len(cells) and cells[index]:
            value = cells[index]
            if name in SINGLE_LINE:
                value = re.sub(r"\s+", " ", value)
            raw[name] = value
    return raw


def plan_import(table: Table, mapping: Sequence[str | None], lookups: Lookups) -> ImportPlan:
    """Every row validated and checked for duplicates, against the database and earlier rows."""
    validator = _Validator(lookups)
    planned = [validator.row(number, row_values(cells, mapping)) for number, cells in table.rows]
    records = [
        dedupe.Record(
            key=row.row,
            name=row.name,
            name_local=row.values.get("name_local"),
            website=row.values.get("website"),
            emails=(row.values.get("email"), row.contact.get("email")),
            label=row.name,
        )
        for row in planned
        if row.name
    ]
    by_number = {row.row: row for row in planned}
    for match in dedupe.find_duplicates(records, lookups.companies):
        by_number[match.candidate].duplicates.append(
            DuplicateRef(
                name=lookups.company_names.get(match.existing, ""),
                score=match.score,
                reason=match.reason,
                reasons=list(match.reasons),
                company_id=match.existing,
            )
        )
    for match in dedupe.find_duplicate_pairs(records):
        by_number[match.candidate].duplicates.append(
            DuplicateRef(
                name=by_number[match.existing].name,
                score=match.score,
                reason=match.reason,
                reasons=list(match.reasons),
                row=match.existing,
            )
        )
    for row in planned:
        row.duplicates.sort(key=lambda d: (-d.score, d.row is not None, d.company_id or d.row))
    return ImportPlan(
        rows=planned,
        blank_rows=table.blank_rows,
        mapping=list(mapping),
        headers=table.headers,
        new_sectors=sorted(validator.new_sectors.values(), key=fold),
        new_tags=sorted(validator.new_tags.values(), key=fold),
    )


# --- applying ------------------------------------------------------------

SKIP, CREATE, UPDATE = "skip", "create", "update"


@dataclass
class Decision:
    """What to do with one row: skip it, create it anyway, or update an existing company.

    An update fills the company's empty fields and overwrites those in `overwrite`."""

    action: str
    company_id: int | None = None
    overwrite: frozenset[str] = frozenset()


@dataclass
class ImportChanges:
    """What an import wrote, for undoing it: the records it added (companies, people,
    positions, in order), the fields it changed on existing records ({record: {field: old
    value}}) and the sectors and tags it added to existing companies."""

    created: list = field(default_factory=list)
    updated: dict = field(default_factory=dict)
    links: list[tuple[Company, str, Sector | Tag]] = field(default_factory=list)

    def set(self, record, name: str, value) -> None:
        """Set a field of an existing record, remembering its value before the import."""
        if getattr(record, name) == value:
            return
        self.updated.setdefault(record, {}).setdefault(name, getattr(record, name))
        setattr(record, name, value)


@dataclass
class ImportResult:
    changes: ImportChanges = field(default_factory=ImportChanges)
    created: list[int] = field(default_factory=list)  # row numbers
    updated: list[int] = field(default_factory=list)
    skipped_duplicates: list[int] = field(default_factory=list)
    skipped_errors: list[int] = field(default_factory=list)
    skipped_by_choice: list[int] = field(default_factory=list)
    companies: list[Company] = field(default_factory=list)

    @property
    def skipped(self) -> list[int]:
        return sorted(self.skipped_duplicates + self.skipped_errors + self.skipped_by_choice)


def default_decision(row: PlannedRow) -> Decision:
    """Rows with a probable duplicate are skipped unless someone decides otherwise."""
    return Decision(SKIP) if row.duplicates else Decision(CREATE)


class _Writer:
    def __init__(self, lookups: Lookups, default_office_id: int | None, changes: ImportChanges):
        self.changes = changes
        self.lookups = lookups
        self.default_office_id = default_office_id
        self.sectors = {fold(s.name): s for s in lookups.sectors.values()}
        self.tags = {fold(t.name): t for t in lookups.tags.values()}
        self._people: dict[str, Person] = {}

    def sector(self, name: str) -> Sector:
        key = fold(name)
        if key not in self.sectors:
            self.sectors[key] = Sector(name=name)
            db.session.add(self.sectors[key])
        return self.sectors[key]

    def tag(self, name: str) -> Tag:
        key = fold(name)
        if key not in self.tags:
            self.tags[key] = Tag(name=name)
            db.session.add(self.tags[key])
        return self.tags[key]

    def preload_people(self, emails: Iterable[str]) -> None:
        wanted = sorted({e.lower() for e in emails if e})
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            for person in db.session.scalars(sa.select(Person).where(sa.func.lower(Person.email).in_(chunk))):
                self._people.setdefault(person.email.lower(), person)

    def create(self, row: PlannedRow) -> Company:
        values = dict(row.values)
        values.setdefault("office_id", self.default_office_id)
        company = Company(**values)
        company.sectors = [self.sector(name) for name in row.sectors]
        company.tags = [self.tag(name) for name in row.tags]
        db.session.add(company)
        self.changes.created.append(company)
        self.add_contact(company, row.contact, [])
        return company

    def update(self, company: Company, row: PlannedRow, overwrite: frozenset[str]) -> None:
        for key, value in row.values.items():
            if key in overwrite or (key != "name" and getattr(company, key) in (None, "")):
                self.changes.set(company, key, value)
        for name in row.sectors:
            sector = self.sector(name)
            if sector not in company.sectors:
                company.sectors.append(sector)
                self.changes.links.append((company, "sectors", sector))
        for name in row.tags:
            tag = self.tag(name)
            if tag not in company.tags:
                company.tags.append(tag)
                self.changes.links.append((company, "tags", tag))
        self.add_contact(company, row.contact, list(company.affiliations))

    def add_contact(self, company: Company, contact: dict, affiliations: list[Affiliation]) -> None:
        if not contact.get("name"):
            return
        email = contact.get("email")
        person = self._people.get(email.lower()) if email else None
        if person is None:
            for affiliation in affiliations:
                if fold(affiliation.person.name) == fold(contact["name"]):
                    person = affiliation.person
                    break
        if person is None:
            person = Person(name=contact["name"], email=email, phone=contact.get("phone"))
            db.session.add(person)
            self.changes.created.append(person)
            if email:
                self._people[email.lower()] = person
        else:
            # A person this import added is new anyway; an existing one remembers its old values.
            fill = setattr if person.id is None else self.changes.set
            if email and not person.email:
                fill(person, "email", email)
            if contact.get("phone") and not person.phone:
                fill(person, "phone", contact["phone"])
        if any(a.person is person for a in affiliations):
            return
        affiliation = Affiliation(person=person, company=company, is_primary=True)
        db.session.add(affiliation)
        self.changes.created.append(affiliation)


def apply_plan(
    plan: ImportPlan,
    decisions: dict[int, Decision] | None,
    lookups: Lookups,
    default_office_id: int | None = None,
) -> ImportResult:
    """Add the planned rows to the session (no commit): rows with errors are never written.

    `decisions` maps row numbers to a Decision; rows without one get `default_decision`.
    An update of a company that is not among the row's probable duplicates is refused
    (the row is skipped), so a forged form cannot touch other records."""
    decisions = decisions or {}
    result = ImportResult()
    writer = _Writer(lookups, default_office_id, result.changes)
    writer.preload_people(row.contact.get("email") for row in plan.rows if row.ok)
    update_ids = {d.company_id for d in decisions.values() if d.action == UPDATE and d.company_id}
    companies = {}
    if update_ids:
        companies = {c.id: c for c in db.session.scalars(sa.select(Company).where(Company.id.in_(update_ids)))}
    for row in plan.rows:
        if row.errors:
            result.skipped_errors.append(row.row)
            continue
        decision = decisions.get(row.row) or default_decision(row)
        if decision.action == CREATE:
            result.companies.append(writer.create(row))
            result.created.append(row.row)
        elif decision.action == UPDATE and decision.company_id in {d.company_id for d in row.existing_duplicates}:
            company = companies.get(decision.company_id)
            if company is None:  # deleted meanwhile
                result.skipped_by_choice.append(row.row)
                continue
            writer.update(company, row, decision.overwrite)
            result.updated.append(row.row)
        elif row.duplicates and decision.action == SKIP:
            result.skipped_duplicates.append(row.row)
        else:
            result.skipped_by_choice.append(row.row)
    db.session.flush()
    return result


def summary(plan: ImportPlan, result: ImportResult | None = None) -> dict:
    """The JSON report of `crm import-companies`: counts, duplicates and errors by row."""
    if result is None:
        result = ImportResult(
            created=[row.row for row in plan.clean_rows],
            skipped_duplicates=[row.row for row in plan.rows if row.ok and row.duplicates],
            skipped_errors=plan.error_rows,
        )
    return {
        "rows": len(plan.rows),
        "created": len(result.created),
        "updated": len(result.updated),
        "skipped": len(result.skipped),
        "duplicates": [
            {
                "row": row.row,
                "name": row.name,
                "matches": [
                    {
                        "id": d.company_id,
                        **({"row": d.row} if d.row is not None else {}),
                        "name": d.name,
                        "score": d.score,
                        "reason": d.reason,
                    }
                    for d in row.duplicates
                ],
            }
            for row in plan.rows
            if row.duplicates
        ],
        "errors": [{"row": e.row, "field": e.field, "message": e.message} for e in plan.errors],
    }
