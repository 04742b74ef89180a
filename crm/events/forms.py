"""Forms of the event pages: the event and its meeting days, participants, requests,
schedule edits, outcomes and reviews, and the list filter."""
from datetime import date

from flask_babel import format_date
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from crm.forms import VersionedForm, optional_int, select_choices
from crm.models import EventKind, MeetingOutcome, Priority, RequestStatus, Side
from crm.services.fair import BreaksError, parse_breaks, slot_grid

PRIORITY_CHOICES = select_choices((int(p), p.label) for p in sorted(Priority, reverse=True))


class EventForm(VersionedForm):
    """The event itself. `days` (its meeting days) is set by the view: the dates must still hold them."""

    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    kind = SelectField(_l("Type"), choices=select_choices(EventKind.choices()), default=EventKind.FAIR.value)
    city = StringField(_l("City"), validators=[Optional(), Length(max=100)])
    venue = StringField(_l("Venue"), validators=[Optional(), Length(max=200)])
    starts_on = DateField(_l("First day"), validators=[InputRequired()])
    ends_on = DateField(_l("Last day"), validators=[InputRequired()])
    office_id = SelectField(_l("Organising office"), coerce=optional_int,
                            validators=[InputRequired(message=_l("Choose the office organising the event."))],
                            description=_l("Meeting times are in this office's time zone."))
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=10000)])
    slot_minutes = IntegerField(_l("Slot length (minutes)"), validators=[Optional(), NumberRange(min=5, max=480)],
                                description=_l("Matchmaking fairs: the length of one meeting."))
    tables = IntegerField(_l("Tables"), validators=[Optional(), NumberRange(min=1, max=1000)],
                          description=_l("Matchmaking fairs: how many meetings can take place at once."))
    submit = SubmitField(_l("Save"))

    days: list = ()

    def validate_ends_on(self, field):
        if self.starts_on.data and field.data and field.data < self.starts_on.data:
            raise ValidationError(_l("The last day cannot be before the first day."))
        if self.starts_on.data and field.data:
            outside = [d for d in self.days if not self.starts_on.data <= d.day <= field.data]
            if outside:
                raise ValidationError(_l(
                    "%(count)s meeting days would fall outside these dates (the first on %(day)s); "
                    "remove them first.", count=len(outside), day=format_date(outside[0].day, "medium")))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.kind.data == EventKind.FAIR.value:
            for field, message in ((self.slot_minutes, _l("A matchmaking fair needs a slot length.")),
                                   (self.tables, _l("A matchmaking fair needs a number of tables."))):
                if field.data is None and not field.errors:
                    field.errors.append(message)
                    valid = False
        return valid


class DayForm(FlaskForm):
    """A meeting day of a fair. The view sets `event_dates`, `taken_days` and `slot_minutes`."""

    day = DateField(_l("Day"), validators=[InputRequired()])
    starts_at = TimeField(_l("Meetings start"), validators=[InputRequired()])
    ends_at = TimeField(_l("Meetings end"), validators=[InputRequired()])
    breaks = StringField(_l("Breaks"), validators=[Optional(), Length(max=200)],
                         description=_l("For example: 12:00-13:00, 15:30-15:45"))
    submit = SubmitField(_l("Save"))

    event_dates: tuple[date, date] | None = None
    taken_days: set[date] = frozenset()
    slot_minutes: int | None = None
    parsed_breaks: list = ()

    def validate_day(self, field):
        if field.data is None:
            return
        if self.event_dates and not self.event_dates[0] <= field.data <= self.event_dates[1]:
            raise ValidationError(_l("The day must fall within the event, %(first)s to %(last)s.",
                                     first=format_date(self.event_dates[0], "medium"),
                                     last=format_date(self.event_dates[1], "medium")))
        if field.data in self.taken_days:
            raise ValidationError(_l("The event already has meetings on this day."))

    def validate_ends_at(self, field):
        if self.starts_at.data and field.data and field.data <= self.starts_at.data:
            raise ValidationError(_l("The meetings must end after they start."))

    def validate_breaks(self, field):
        try:
            self.parsed_breaks = parse_breaks(field.data)
        except BreaksError as error:
            raise ValidationError(error.args[0]) from None
        start, end = self.starts_at.data, self.ends_at.data
        if start and end:
            for b_start, b_end in self.parsed_breaks:
                if b_start < start or b_end > end:
                    raise ValidationError(_l("The break %(start)s-%(end)s is outside the meeting hours.",
                                             start=b_start.strftime("%H:%M"), end=b_end.strftime("%H:%M")))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if valid and self.slot_minutes:
            probe = _Day(self.day.data, self.starts_at.data, self.ends_at.data, self.breaks.data)
            if not slot_grid([probe], self.slot_minutes):
                self.ends_at.errors.append(_l("No meeting of %(minutes)s minutes fits in these hours.",
                                              minutes=self.slot_minutes))
                valid = False
        return valid


class _Day:
    def __init__(self, day, starts_at, ends_at, breaks):
        self.day, self.starts_at, self.ends_at, self.breaks = day, starts_at, ends_at, breaks


class ParticipantForm(FlaskForm):
    """A company's registration: its side, who attends, when it can meet, its profile for the fair."""

    side = SelectField(_l("Side"), choices=select_choices(Side.choices()), default=Side.A.value)
    people_ids = SelectMultipleField(_l("Attending"), coerce=int, validators=[Optional()],
                                     description=_l("The company's current people."))
    slots = SelectMultipleField(_l("Available slots"), coerce=int)
    max_meetings = IntegerField(_l("At most this many meetings"), validators=[Optional(), NumberRange(min=0, max=200)],
                                description=_l("Leave empty for no limit."))
    offers = TextAreaField(_l("Offers at this fair"), validators=[Optional(), Length(max=5000)],
                           description=_l("A sentence or two. Leave empty to use the company's own profile."))
    seeks = TextAreaField(_l("Seeks at this fair"), validators=[Optional(), Length(max=5000)])
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=5000)])
    submit = SubmitField(_l("Save"))

    def validate_slots(self, field):
        if field.choices and not field.data:
            raise ValidationError(_l("Tick at least one slot in which the company can meet."))


class NewParticipantForm(ParticipantForm):
    company_id = SelectField(_l("Company"), coerce=optional_int,
                             validators=[InputRequired(message=_l("Choose a company."))])

    taken_company_ids: set[int] = frozenset()

    def validate_company_id(self, field):
        if field.data is None:
            raise ValidationError(_l("Choose a company."))
        if field.data in self.taken_company_ids:
            raise ValidationError(_l("This company is already registered for the event."))


class RequestForm(FlaskForm):
    """Who wants to meet whom. The view sets the participants as choices and `taken` (existing pairs)."""

    requester_id = SelectField(_l("Who wants the meeting"), coerce=optional_int,
                               validators=[InputRequired(message=_l("Choose both companies."))])
    counterpart_id = SelectField(_l("Whom they want to meet"), coerce=optional_int,
                                 validators=[InputRequired(message=_l("Choose both companies."))])
    priority = SelectField(_l("Priority"), coerce=int, choices=PRIORITY_CHOICES, default=int(Priority.WOULD_LIKE))
    status = SelectField(_l("Counterpart's answer"), choices=select_choices(RequestStatus.choices()),
                         default=RequestStatus.PENDING.value)
    submit = SubmitField(_l("Save request"))

    taken: set[tuple[int, int]] = frozenset()

    def validate_counterpart_id(self, field):
        if field.data is None or self.requester_id.data is None:
            raise ValidationError(_l("Choose both companies."))
        if field.data == self.requester_id.data:
            raise ValidationError(_l("A company cannot meet itself."))
        if (self.requester_id.data, field.data) in self.taken:
            raise ValidationError(_l("This request exists already; change its priority or answer in the list."))


class RequestEditForm(FlaskForm):
    priority = SelectField(_l("Priority"), coerce=int, choices=PRIORITY_CHOICES)
    status = SelectField(_l("Counterpart's answer"), choices=select_choices(RequestStatus.choices()))
    submit = SubmitField(_l("Save request"))


class AcceptTopForm(FlaskForm):
    """Accept the best suggestions of one participant at once."""

    count = IntegerField(_l("How many"), default=5, validators=[InputRequired(), NumberRange(min=1, max=50)])
    priority = SelectField(_l("Priority"), coerce=int, choices=PRIORITY_CHOICES, default=int(Priority.WOULD_LIKE))
    submit = SubmitField(_l("Accept the top suggestions"))


class LateRequestForm(FlaskForm):
    """A request that arrives after scheduling, placed into a free slot without moving anyone."""

    requester_id = SelectField(_l("Who wants the meeting"), coerce=optional_int,
                               validators=[InputRequired(message=_l("Choose both companies."))])
    counterpart_id = SelectField(_l("Whom they want to meet"), coerce=optional_int,
                                 validators=[InputRequired(message=_l("Choose both companies."))])
    priority = SelectField(_l("Priority"), coerce=int, choices=PRIORITY_CHOICES, default=int(Priority.WOULD_LIKE))
    table = SelectField(_l("Table"), coerce=optional_int, validators=[Optional()])
    submit = SubmitField(_l("Find a free slot"))

    def validate_counterpart_id(self, field):
        if field.data is None or self.requester_id.data is None:
            raise ValidationError(_l("Choose both companies."))
        if field.data == self.requester_id.data:
            raise ValidationError(_l("A company cannot meet itself."))


class MoveForm(FlaskForm):
    slot = SelectField(_l("Slot"), coerce=optional_int, validators=[InputRequired(message=_l("Choose a slot."))])
    table = SelectField(_l("Table"), coerce=optional_int, validators=[Optional()],
                        description=_l("Leave on “any free table” to keep the table if it is free."))
    submit = SubmitField(_l("Move"))

    def validate_slot(self, field):
        if field.data is None:
            raise ValidationError(_l("Choose a slot."))


OUTCOME_CHOICES = select_choices([("", "—")] + MeetingOutcome.choices())


class OutcomeForm(FlaskForm):
    outcome = SelectField(_l("Result"), choices=OUTCOME_CHOICES,
                          validators=[DataRequired(message=_l("Choose a result."))])
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=5000)],
                         description=_l("Added to both companies' histories."))
    submit = SubmitField(_l("Record outcome"))


class ReviewForm(FlaskForm):
    outcome = SelectField(_l("Result now"), choices=OUTCOME_CHOICES,
                          validators=[DataRequired(message=_l("Choose a result."))])
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=5000)],
                         description=_l("What happened since the fair; added to both companies' histories."))
    submit = SubmitField(_l("Record review"))


WHEN_CHOICES = select_choices([("upcoming", _l("Upcoming")), ("past", _l("Past")), ("all", _l("All"))])


class EventFilterForm(FlaskForm):
    """The filters of the event list, read from the query string."""

    class Meta:
        csrf = False

    q = StringField(_l("Name or city"), validators=[Optional(), Length(max=200)])
    when = SelectField(_l("When"), choices=WHEN_CHOICES, default="upcoming", validators=[Optional()])
    kind = SelectField(_l("Type"), choices=select_choices([("", _l("Any"))] + EventKind.choices()),
                       validators=[Optional()])
    office_id = SelectField(_l("Office"), coerce=optional_int, validators=[Optional()])
    year = IntegerField(_l("Year"), validators=[Optional(), NumberRange(min=1990, max=2100)])

