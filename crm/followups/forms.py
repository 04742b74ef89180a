from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from crm.followups.queries import Due, Scope
from crm.forms import VersionedForm, optional_int, select_choices
from crm.models import PipelineStatus


class FollowUpForm(VersionedForm):
    """Plan a follow-up, or reword, reschedule and reassign one."""

    next_step = StringField(_l("Next step"), validators=[DataRequired(), Length(max=500)])
    due_on = DateField(_l("Due on"), validators=[InputRequired()])
    person_id = SelectField(_l("Contact person"), coerce=optional_int, validators=[Optional()])
    assignee_id = SelectField(_l("Assigned to"), coerce=int)
    submit = SubmitField(_l("Save"))


class CompleteForm(FlaskForm):
    note = TextAreaField(
        _l("Outcome"),
        validators=[Optional(), Length(max=5000)],
        description=_l("Optional; it is added to the company's history."),
    )
    submit = SubmitField(_l("Mark done"))


class FollowUpFilterForm(FlaskForm):
    """The filters of the follow-up list, read from the query string."""

    class Meta:
        csrf = False

    scope = SelectField(_l("Whose"), choices=select_choices(Scope.choices()), default=Scope.MINE.value)
    office_id = SelectField(
        _l("Office"),
        coerce=optional_int,
        validators=[Optional()],
        description=_l("For the office scope."),
    )
    due = SelectField(_l("Due"), choices=select_choices(Due.choices()), default=Due.OPEN.value)
    date_from = DateField(_l("Due from"), validators=[Optional()])
    date_to = DateField(_l("Due until"), validators=[Optional()])
    status = SelectField(
        _l("Company status"),
        choices=select_choices([("", _l("Any"))] + PipelineStatus.choices()),
        validators=[Optional()],
    )

    def validate_date_to(self, field):
        if field.data and self.date_from.data and self.date_from.data > field.data:
            raise ValidationError(_l("The end of the range is before its start."))

    def validate_due(self, field):
        typed = [f.raw_data[0] for f in (self.date_from, self.date_to) if f.raw_data and f.raw_data[0].strip()]
        if field.data == Due.RANGE.value and not typed:
            raise ValidationError(_l("Give a start or an end date for a date range."))
