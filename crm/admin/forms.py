from zoneinfo import available_timezones

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, EmailField, PasswordField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from crm.forms import optional_int, select_choices
from crm.models import AuditAction, Role

LANGUAGES = [("", _l("From the browser")), ("en", "English"), ("zh", "中文"), ("de", "Deutsch"), ("fi", "Suomi")]


class UserForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=254)])
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    role = SelectField(_l("Role"), choices=select_choices(Role.choices()), default=Role.STAFF.value)
    office_id = SelectField(_l("Office"), coerce=int)
    language = SelectField(_l("Language"), choices=select_choices(LANGUAGES), validators=[Optional()])
    active = BooleanField(_l("Active (may log in)"), default=True)
    must_change_password = BooleanField(
        _l("Must choose a new password"),
        description=_l("At the next page they open, the user has to set a new password before anything else."),
    )
    password = PasswordField(
        _l("Password"),
        validators=[Optional(), Length(min=10, message=_l("Use at least 10 characters."))],
        description=_l("Leave empty to keep the current password."),
    )
    submit = SubmitField(_l("Save"))


class OfficeForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=100)])
    city = StringField(_l("City"), validators=[Optional(), Length(max=100)])
    country = StringField(
        _l("Country code"),
        validators=[Optional(), Length(min=2, max=2, message=_l("Use the two-letter code, e.g. DE, CN, FI."))],
    )
    timezone = StringField(
        _l("Time zone"),
        validators=[DataRequired(), Length(max=64)],
        default="Europe/Berlin",
        description=_l("For example Asia/Shanghai, Europe/Berlin, Europe/Helsinki."),
    )
    submit = SubmitField(_l("Save"))

    def validate_timezone(self, field):
        if field.data not in available_timezones():
            raise ValidationError(_l("Unknown time zone."))


class AuditFilterForm(FlaskForm):
    """The audit log's filters, read from the query string."""

    class Meta:
        csrf = False

    user_id = SelectField(_l("User"), coerce=optional_int, validators=[Optional()])
    entity_type = SelectField(_l("Record type"), validators=[Optional()])
    action = SelectField(_l("Action"), choices=select_choices([("", _l("Any"))] + AuditAction.choices()),
                         validators=[Optional()])
    date_from = DateField(_l("From"), validators=[Optional()])
    date_to = DateField(_l("To"), validators=[Optional()])
