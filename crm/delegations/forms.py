"""Forms of the delegation pages: the trip, a member, an itinerary item, its outcome, the list filter."""
from datetime import date
from zoneinfo import ZoneInfo

from flask_babel import format_date
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    DateTimeLocalField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from crm.forms import VersionedForm, optional_int, select_choices
from crm.models import DelegationStatus, Direction, MeetingOutcome, Visit, VisitKind
from crm.services.itinerary import ends_before_start, outside_trip, visit_ends_too_early, visits_outside


class DelegationForm(VersionedForm):
    """The trip itself. `visits` and `zone` are set by the view to check that the
    itinerary still fits when the dates change."""

    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    direction = SelectField(_l("Direction"), choices=select_choices(Direction.choices()),
                            default=Direction.OUTBOUND.value)
    host_cities = StringField(_l("Host cities"), validators=[Optional(), Length(max=300)],
                              description=_l("One or several, separated by commas: Dresden, Stuttgart"))
    starts_on = DateField(_l("First day"), validators=[InputRequired()])
    ends_on = DateField(_l("Last day"), validators=[InputRequired()])
    purpose = TextAreaField(_l("Purpose"), validators=[Optional(), Length(max=10000)])
    leading_institution_id = SelectField(_l("Leading institution"), coerce=optional_int, validators=[Optional()])
    head_id = SelectField(_l("Head of delegation"), coerce=optional_int, validators=[Optional()])
    office_id = SelectField(_l("Responsible office"), coerce=optional_int,
                            validators=[InputRequired(message=_l("Choose the office responsible for the trip."))])
    responsible_id = SelectField(_l("Responsible staff member"), coerce=optional_int, validators=[Optional()])
    status = SelectField(_l("Status"), choices=select_choices(DelegationStatus.choices()),
                         default=DelegationStatus.PLANNED.value)
    submit = SubmitField(_l("Save"))

    visits: list[Visit] = ()
    zone: ZoneInfo = ZoneInfo("UTC")


    def validate_ends_on(self, field):
        if ends_before_start(self.starts_on.data, field.data):
            raise ValidationError(_l("The last day cannot be before the first day."))
        if self.starts_on.data and field.data:
            stranded = visits_outside(self.visits, self.starts_on.data, field.data, self.zone)
            if stranded:
                raise ValidationError(_l(
                    "%(count)s itinerary items would fall outside these dates (the first on %(day)s); "
                    "move them first.", count=len(stranded), day=format_date(stranded[0].starts_at, "medium")))


class MemberForm(FlaskForm):
    """A company travelling with the delegation; its travellers once it is chosen."""

    company_id = SelectField(_l("Company"), coerce=optional_int, validators=[InputRequired()])
    people_ids = SelectMultipleField(_l("Travelling"), coerce=int, validators=[Optional()],
                                     description=_l("The company's current people."))
    interests = TextAreaField(_l("Interests for this trip"), validators=[Optional(), Length(max=10000)],
                              description=_l("What the company hopes to find; used for the host suggestions."))
    submit = SubmitField(_l("Save"))

    taken_company_ids: set[int] = frozenset()  # members already, set by the view

    def validate_company_id(self, field):
        if field.data is None:
            raise ValidationError(_l("Choose a company."))
        if field.data in self.taken_company_ids:
            raise ValidationError(_l("This company is already a member of the delegation."))


class VisitForm(FlaskForm):
    """One itinerary item; times are typed in the user's own clock. The view sets
    `trip` (first and last day) and `member_company_ids` (member id -> company id)."""

    kind = SelectField(_l("Kind"), choices=select_choices(VisitKind.choices()), default=VisitKind.VISIT.value)
    starts_at = DateTimeLocalField(_l("Starts"), format="%Y-%m-%dT%H:%M", validators=[InputRequired()])
    ends_at = DateTimeLocalField(_l("Ends"), format="%Y-%m-%dT%H:%M", validators=[Optional()])
    place = StringField(_l("Place"), validators=[Optional(), Length(max=300)])
    host_company_id = SelectField(_l("Host company"), coerce=optional_int, validators=[Optional()])
    member_ids = SelectMultipleField(_l("Members attending"), coerce=int, validators=[Optional()])
    interpreter = StringField(_l("Interpreter needed"), validators=[Optional(), Length(max=200)],
                              description=_l("For example: Chinese–German"))
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=10000)])
    submit = SubmitField(_l("Save"))

    trip: tuple[date, date] | None = None
    member_company_ids: dict[int, int] = {}

    def validate_starts_at(self, field):
        if field.data and self.trip and outside_trip(field.data.date(), *self.trip):
            raise ValidationError(_l("The item must fall within the trip, %(first)s to %(last)s.",
                                     first=format_date(self.trip[0], "medium"),
                                     last=format_date(self.trip[1], "medium")))

    def validate_ends_at(self, field):
        if not field.data or not self.starts_at.data:
            return
        if visit_ends_too_early(self.starts_at.data, field.data):
            raise ValidationError(_l("The end must come after the start."))
        if self.trip and outside_trip(field.data.date(), *self.trip):
            raise ValidationError(_l("The item must end within the trip."))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        host = self.host_company_id
        if host.errors:
            return valid
        if host.data is None and self.kind.data == VisitKind.VISIT.value:
            host.errors.append(_l("A company visit needs a host company."))
            valid = False
        elif host.data is not None and host.data in self.member_company_ids.values():
            host.errors.append(_l("The host cannot be a member of the delegation."))
            valid = False
        return valid


class OutcomeForm(FlaskForm):
    outcome = SelectField(_l("Outcome"), choices=select_choices([("", "—")] + MeetingOutcome.choices()),
                          validators=[DataRequired(message=_l("Choose an outcome."))])
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=5000)],
                         description=_l("Added to the host's and the members' history."))
    submit = SubmitField(_l("Record outcome"))


class DelegationFilterForm(FlaskForm):
    """The filters of the delegation list, read from the query string."""

    class Meta:
        csrf = False

    q = StringField(_l("Name"), validators=[Optional(), Length(max=200)])
    year = IntegerField(_l("Year"), validators=[Optional(), NumberRange(min=1990, max=2100)])
    status = SelectField(_l("Status"), choices=select_choices([("", _l("Any"))] + DelegationStatus.choices()),
                         validators=[Optional()])
    direction = SelectField(_l("Direction"), choices=select_choices([("", _l("Any"))] + Direction.choices()),
                            validators=[Optional()])
    office_id = SelectField(_l("Office"), coerce=optional_int, validators=[Optional()])
