from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from crm.forms import VersionedForm, optional_int, select_choices
from crm.models import Channel


class InteractionForm(VersionedForm):
    """The contact itself; used as it is to edit one."""

    occurred_at = DateTimeLocalField(_l("Date and time"), format="%Y-%m-%dT%H:%M", validators=[InputRequired()])
    channel = SelectField(_l("Channel"), choices=select_choices(Channel.choices()), default=Channel.CALL.value)
    people_ids = SelectMultipleField(_l("People involved"), coerce=int, validators=[Optional()])
    summary = TextAreaField(_l("Summary"), validators=[DataRequired(), Length(max=10000)])
    outcome = TextAreaField(_l("Outcome"), validators=[Optional(), Length(max=5000)])
    confidential = BooleanField(
        _l("Confidential"),
        description=_l("Only you, managers and admins will see it; left out of others' lists and exports."),
    )
    submit = SubmitField(_l("Save"))


class LogInteractionForm(InteractionForm):
    """Logging a contact, optionally with the next step as a follow-up."""

    next_step = StringField(_l("Next step"), validators=[Optional(), Length(max=500)],
                            description=_l("Fill in to plan a follow-up."))
    due_on = DateField(_l("Follow-up due on"), validators=[Optional()])
    assignee_id = SelectField(_l("Follow-up assigned to"), coerce=optional_int, validators=[Optional()])

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        has_step = bool((self.next_step.data or "").strip())
        if has_step and not self.due_on.data and not self.due_on.errors:
            self.due_on.errors.append(_l("A next step needs a due date."))
            valid = False
        if self.due_on.data and not has_step:
            self.next_step.errors.append(_l("Say what the next step is, or leave the due date empty."))
            valid = False
        return valid

    @property
    def plans_follow_up(self) -> bool:
        return bool((self.next_step.data or "").strip() and self.due_on.data)
