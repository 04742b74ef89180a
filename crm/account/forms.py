from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, SubmitField
from wtforms.validators import Optional

from crm.admin.forms import LANGUAGES
from crm.forms import select_choices


class SettingsForm(FlaskForm):
    """The user's own settings: reminder e-mails and language."""

    reminders_enabled = BooleanField(
        _l("Send me reminder e-mails"),
        description=_l("One e-mail with your overdue follow-ups and those due this week."),
    )
    language = SelectField(_l("Language"), choices=select_choices(LANGUAGES), validators=[Optional()])
    submit = SubmitField(_l("Save"))

