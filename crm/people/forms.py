from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField, DateField, EmailField, IntegerField, SelectField, StringField, SubmitField, TextAreaField,
)
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional, ValidationError

from crm.clock import local_today
from crm.forms import LatinNameRequired, VersionedForm, optional_int, select_choices
from crm.models import Consent
from crm.services.pinyin import person_romanised

LANGUAGES = [("", "—"), ("zh", "中文"), ("de", "Deutsch"), ("en", "English"), ("fi", "Suomi")]


class PersonForm(VersionedForm):
    name = StringField(_l("Name (Latin script)"), validators=[LatinNameRequired(person_romanised), Length(max=200)])
    name_local = StringField(_l("Local-script name"), validators=[Optional(), Length(max=200)],
                             description=_l("For example the Chinese name: 王思国"),
                             render_kw={"data-romanise": "person"})
    company_id = SelectField(_l("Company"), coerce=optional_int, validators=[Optional()])
    title = StringField(_l("Title or role"), validators=[Optional(), Length(max=200)])
    email = EmailField(_l("E-mail"), validators=[Optional(), Email(), Length(max=254)])
    phone = StringField(_l("Phone"), validators=[Optional(), Length(max=50)])
    wechat_id = StringField(_l("WeChat ID"), validators=[Optional(), Length(max=100)])
    linkedin = StringField(_l("LinkedIn"), validators=[Optional(), Length(max=300)])
    preferred_language = SelectField(_l("Preferred language"), choices=select_choices(LANGUAGES),
                                     validators=[Optional()])
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=10000)])
    consent = SelectField(_l("Consent"), choices=select_choices(Consent.choices()), default=Consent.UNKNOWN.value,
                          description=_l("To be kept on file and contacted by the office."))
    consent_on = DateField(_l("Consent date"), validators=[Optional()])
    consent_source = StringField(_l("How obtained"), validators=[Optional(), Length(max=200)],
                                 description=_l("For example: signed form at the Hannover fair, e-mail of 3 May"))
    do_not_contact = BooleanField(_l("Do not contact"),
                                  description=_l("Left out of people exports and flagged in reminder e-mails."))
    submit = SubmitField(_l("Save"))

    def validate_title(self, field):
        if field.data and not self.company_id.data:
            raise ValidationError(_l("A title needs a company."))

    def validate(self, extra_validators=None) -> bool:
        """Given or refused consent needs its date (not in the future) and how it was obtained;
        checked here because the fields' Optional() would skip inline validators."""
        valid = super().validate(extra_validators)
        if self.consent.data == Consent.UNKNOWN:
            return valid
        if self.consent_on.data is None and not self.consent_on.errors:
            self.consent_on.errors.append(_l("Give the date the consent was given or refused."))
        elif self.consent_on.data is not None and self.consent_on.data > local_today():
            self.consent_on.errors.append(_l("The consent date cannot be in the future."))
        if not (self.consent_source.data or "").strip():
            self.consent_source.errors.append(_l("Say how the consent was given or refused."))
        return valid and not (self.consent_on.errors or self.consent_source.errors)


class PersonFilterForm(FlaskForm):
    class Meta:
        csrf = False

    q = StringField(_l("Search"), validators=[Optional(), Length(max=200)],
                    description=_l("Name, e-mail, phone or company"))


class EraseForm(FlaskForm):
    confirm = BooleanField(_l("I confirm that this person asked to be erased and that the erasure cannot be undone."),
                           validators=[DataRequired(_l("Tick the box to confirm the erasure."))])
    submit = SubmitField(_l("Erase this person"))


class RetentionForm(FlaskForm):
    class Meta:
        csrf = False

    years = IntegerField(_l("No interaction for (years)"), validators=[Optional(), NumberRange(min=1, max=50)])
