from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import Email, DataRequired, Length, Optional, ValidationError

from crm.forms import VersionedForm, optional_int, select_choices

LANGUAGES = [("", "—"), ("zh", "中文"), ("de", "Deutsch"), ("en", "English"), ("fi", "Suomi")]


class PersonForm(VersionedForm):
    name = StringField(_l("Name (Latin script)"), validators=[DataRequired(), Length(max=200)])
    name_local = StringField(_l("Local-script name"), validators=[Optional(), Length(max=200)],
                             description=_l("For example the Chinese name: 王思国"))
    company_id = SelectField(_l("Company"), coerce=optional_int, validators=[Optional()])
    title = StringField(_l("Title or role"), validators=[Optional(), Length(max=200)])
    email = EmailField(_l("E-mail"), validators=[Optional(), Email(), Length(max=254)])
    phone = StringField(_l("Phone"), validators=[Optional(), Length(max=50)])
    wechat_id = StringField(_l("WeChat ID"), validators=[Optional(), Length(max=100)])
    linkedin = StringField(_l("LinkedIn"), validators=[Optional(), Length(max=300)])
    preferred_language = SelectField(_l("Preferred language"), choices=select_choices(LANGUAGES),
                                     validators=[Optional()])
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=10000)])
    submit = SubmitField(_l("Save"))

    def validate_title(self, field):
        if field.data and not self.company_id.data:
            raise ValidationError(_l("A title needs a company."))


class PersonFilterForm(FlaskForm):
    class Meta:
        csrf = False

    q = StringField(_l("Search"), validators=[Optional(), Length(max=200)],
                    description=_l("Name, e-mail, phone or company"))
