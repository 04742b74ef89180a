from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, Length, Optional

from crm.forms import optional_int, select_choices
from crm.models import InquiryStatus

# The wording shown next to the consent box; the rendered text is stored with the inquiry.
CONSENT_TEXT = _l(
    "I agree that the offices of the Jinan Hi-tech Zone store the details in this form and contact me "
    "about a cooperation. I can withdraw this consent at any time by e-mail."
)
NEW_COMPANY = "new"


class InquiryForm(FlaskForm):
    """The public cooperation inquiry."""

    company_name = StringField(_l("Company or institution"), validators=[DataRequired(), Length(max=200)])
    contact_name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=200)])
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=254)])
    phone = StringField(_l("Phone"), validators=[Optional(), Length(max=50)])
    country = SelectField(_l("Country"), validators=[Optional()])
    sector = StringField(_l("Sector"), validators=[Optional(), Length(max=100)],
                         description=_l("For example: laser technology, medical devices, software"))
    offers = TextAreaField(_l("What your organisation offers"), validators=[Optional(), Length(max=5000)])
    seeks = TextAreaField(_l("What your organisation seeks"), validators=[Optional(), Length(max=5000)])
    preferred_office_id = SelectField(_l("Preferred office"), coerce=optional_int, validators=[Optional()])
    consent = BooleanField(CONSENT_TEXT, validators=[
        DataRequired(message=_l("Please agree to being contacted; without it we cannot answer your inquiry.")),
    ])
    # The honeypot: hidden from people by a CSS class; robots fill in every field.
    company_code = StringField(_l("Leave this field empty"), validators=[Optional()])
    submit = SubmitField(_l("Send inquiry"))


class AcceptForm(FlaskForm):
    """Accept an inquiry: a new company or one of the probable matches, and the office that answers."""

    target = RadioField(_l("Company"), default=NEW_COMPANY, validators=[DataRequired()])
    office_id = SelectField(_l("Office that answers"), coerce=optional_int,
                            validators=[DataRequired(message=_l("Choose the office that answers."))],
                            description=_l("Its first active manager gets the follow-up."))
    sector_ids = SelectMultipleField(_l("Sectors"), coerce=int, validators=[Optional()],
                                     description=_l("For a new company."))
    submit = SubmitField(_l("Accept"))


class StatusFilterForm(FlaskForm):
    """Which inquiries the queue shows, from the query string."""

    class Meta:
        csrf = False

    status = SelectField(
        _l("Status"),
        choices=select_choices(InquiryStatus.choices() + [("all", _l("All"))]),
        default=InquiryStatus.NEW.value,
    )
