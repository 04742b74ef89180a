from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Length, Optional

from crm.admin.forms import LANGUAGES
from crm.forms import select_choices
from crm.models import TokenScope


class SettingsForm(FlaskForm):
    """The user's own settings: reminder e-mails and language."""

    reminders_enabled = BooleanField(
        _l("Send me reminder e-mails"),
        description=_l("One e-mail with your overdue follow-ups and those due this week."),
    )
    language = SelectField(_l("Language"), choices=select_choices(LANGUAGES), validators=[Optional()])
    submit = SubmitField(_l("Save"))



class ApiTokenForm(FlaskForm):
    """A new personal API token: a name to recognise it, what it may do, how long it lasts."""

    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=100)],
                       description=_l("What uses it, e.g. 'Zone website'"))
    scope = SelectField(_l("Access"), choices=select_choices(TokenScope.choices()), default=TokenScope.READ.value)
    valid_days = SelectField(_l("Expires"), coerce=int, default=90, choices=select_choices([
        (30, _l("In 30 days")), (90, _l("In 90 days")), (365, _l("In a year")), (0, _l("Never")),
    ]))
    submit = SubmitField(_l("Create token"))
