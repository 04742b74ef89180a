from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import RadioField, SubmitField

from crm.forms import select_choices


class UploadForm(FlaskForm):
    file = FileField(
        _l("Spreadsheet"),
        validators=[
            FileRequired(_l("Choose a file.")),
            FileAllowed(["csv", "txt", "xlsx"], _l("Upload a CSV (.csv) or Excel (.xlsx) file.")),
        ],
        description=_l("CSV (UTF-8 or Chinese GB18030, comma or semicolon) or XLSX; the first row holds the headers."),
    )
    submit = SubmitField(_l("Upload and map columns"))


class StepForm(FlaskForm):
    """The mapping and cancel steps: fields are read from the request; this checks CSRF."""


class ConfirmForm(FlaskForm):
    on_errors = RadioField(
        _l("Rows with errors"),
        choices=select_choices([
            ("abort", _l("Import nothing while any row has an error")),
            ("skip", _l("Skip the rows with errors and import the rest")),
        ]),
        default="abort",
    )
    submit = SubmitField(_l("Import"))


class UndoForm(FlaskForm):
    submit = SubmitField(_l("Undo this import"))
