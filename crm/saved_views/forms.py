from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, SelectField, StringField, SubmitField
from wtforms.validators import AnyOf, DataRequired, Length, Optional

from crm.forms import select_choices
from crm.models import Visibility
from crm.saved_views.lists import LISTS


class SaveViewForm(FlaskForm):
    """Save the list as it is filtered and sorted now (the query string comes along hidden)."""

    name = StringField(_l("Name of the view"), validators=[DataRequired(), Length(max=100)])
    visibility = SelectField(_l("Shared with"), choices=select_choices(Visibility.choices()),
                             default=Visibility.PRIVATE.value)
    pin = BooleanField(_l("Pin to my menu"), default=True)
    list_name = HiddenField(validators=[AnyOf(list(LISTS))])
    query = HiddenField(validators=[Optional(), Length(max=2000)])
    submit = SubmitField(_l("Save view"))


class ActionForm(FlaskForm):
    """Pin, unpin, delete: only the CSRF token."""
