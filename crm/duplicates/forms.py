from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SubmitField
from wtforms.validators import InputRequired


class MergeForm(FlaskForm):
    """The field-by-field choices are read from the request (field-<name> = a or b)."""

    survivor = RadioField(_l("Keep this record"), validators=[InputRequired(_l("Choose the record to keep."))])
    submit = SubmitField(_l("Merge"))
