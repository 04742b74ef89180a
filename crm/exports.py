"""CSV and XLSX downloads of any list.

A list page hands over its headers and rows; this module makes the file safe
for Excel: CSV gets a BOM so Chinese text and umlauts open correctly, and
cells that a spreadsheet would run as a formula are neutralised."""
import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from flask import Response, abort
from flask_babel import gettext as _
from openpyxl import Workbook

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MIME_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def neutralise(value):
    """Text that begins like a formula gets a leading apostrophe, as Excel itself does."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def cell(value):
    """A value as a spreadsheet cell: enums by their label, None as empty."""
    if value is None:
        return ""
    if isinstance(value, (int, float, date, datetime)):
        return value
    label = getattr(value, "label", None)
    return neutralise(str(label if label is not None else value))


def csv_bytes(headers: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([neutralise(str(h)) for h in headers])
    for row in rows:
        writer.writerow([_csv_text(cell(value)) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _csv_text(value) -> str:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def xlsx_bytes(headers: Sequence[str], rows: Iterable[Sequence], title: str = "Export") -> bytes:
    return workbook_bytes([(title, headers, rows)])


def workbook_bytes(sheets: Iterable[tuple[str, Sequence, Iterable[Sequence]]]) -> bytes:
    """An XLSX workbook of (title, headers, rows) sheets, every cell neutralised."""
    workbook = Workbook(write_only=True)
    for title, headers, rows in sheets:
        sheet = workbook.create_sheet(title=str(title)[:31])
        sheet.append([neutralise(str(h)) for h in headers])
        for row in rows:
            sheet.append([cell(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def workbook_response(sheets: Iterable[tuple[str, Sequence, Iterable[Sequence]]], filename: str) -> Response:
    """The workbook as a download named `filename`.xlsx."""
    return Response(workbook_bytes(sheets), mimetype=MIME_TYPES["xlsx"],
                    headers={"Content-Disposition": f'attachment; filename="{filename}.xlsx"'})


def export_response(fmt: str, filename: str, headers: Sequence[str], rows: Iterable[Sequence]) -> Response:
    """The download for ?format=csv or ?format=xlsx; any other format is a 400."""
    if fmt == "csv":
        body = csv_bytes(headers, rows)
    elif fmt == "xlsx":
        body = xlsx_bytes(headers, rows)
    else:
        abort(400, _("Unknown export format %(fmt)s; use csv or xlsx.", fmt=fmt))
    return Response(
        body,
        mimetype=MIME_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{filename}.{fmt}"'},
    )
