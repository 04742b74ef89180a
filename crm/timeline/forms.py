"""Filters of the milestone timeline and the annual report, read from the query string."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField
from wtforms.validators import InputRequired, NumberRange, Optional

from crm.forms import optional_int, select_choices
from crm.models import EventKind
from crm.services.timeline import AGREEMENT, DELEGATION

MILESTONE_TYPES = EventKind.choices() + [(AGREEMENT, _l("Agreements")), (DELEGATION, _l("Delegations"))]


class MilestoneFilterForm(FlaskForm):
    class Meta:
        csrf = False

    year = SelectField(_l("Year"), coerce=optional_int, validators=[Optional()])
    office_id = SelectField(_l("Office"), coerce=optional_int, validators=[Optional()])
    kind = SelectField(_l("Type"), choices=select_choices([("", _l("All"))] + MILESTONE_TYPES),
                       validators=[Optional()])


class ReportForm(FlaskForm):
    class Meta:
        csrf = False

    office_id = SelectField(_l("Office"), coerce=optional_int, validators=[InputRequired()])
    year = IntegerField(_l("Year"), validators=[InputRequired(), NumberRange(min=1990, max=2100)])
