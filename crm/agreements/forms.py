"""Forms of the agreement pages: the agreement with its document, and the list filter."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, DateField, IntegerField, SelectField, SelectMultipleField, StringField, SubmitField
from wtforms import TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from crm.forms import VersionedForm, optional_int, select_choices
from crm.models import AgreementKind, AgreementStatus
from crm.services.agreements import ACCEPTED_EXTENSIONS, RENEWABLE

SIGNED_STATES = {status.value for status in RENEWABLE | {AgreementStatus.EXPIRED}}


class AgreementForm(VersionedForm):
    kind = SelectField(_l("Type"), choices=select_choices(AgreementKind.choices()),
                       default=AgreementKind.MOU.value)
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=300)])
    party_ids = SelectMultipleField(_l("Parties"), coerce=int, validators=[Optional()],
                                    description=_l("Two or more companies or institutions."))
    status = SelectField(_l("Status"), choices=select_choices(AgreementStatus.choices()),
                         default=AgreementStatus.DRAFT.value)
    signed_on = DateField(_l("Signed on"), validators=[Optional()])
    signed_place = StringField(_l("Signed at"), validators=[Optional(), Length(max=200)])
    signatories = TextAreaField(_l("Signatories"), validators=[Optional(), Length(max=5000)],
                                description=_l("One per line: name, function, organisation."))
    term_ends_on = DateField(_l("Term ends on"), validators=[Optional()])
    renewal_on = DateField(_l("Renewal date"), validators=[Optional()],
                           description=_l("A follow-up is planned two months ahead for signed and active agreements."))
    office_id = SelectField(_l("Office"), coerce=optional_int,
                            validators=[InputRequired(message=_l("Choose the office the agreement belongs to."))])
    summary = TextAreaField(_l("Summary"), validators=[Optional(), Length(max=20000)])
    document = FileField(_l("Document"), description=_l("The signed PDF or a scan (PNG, JPEG)."),
                         render_kw={"accept": ",".join(ACCEPTED_EXTENSIONS)})
    remove_document = BooleanField(_l("Remove the attached document"))
    submit = SubmitField(_l("Save"))

    def validate(self, extra_validators=None) -> bool:
        """Checks of empty fields, which the Optional() validator would skip."""
        valid = super().validate(extra_validators)
        if not self.party_ids.errors and len(set(self.party_ids.data or [])) < 2:
            self.party_ids.errors.append(_l("An agreement needs at least two parties."))
            valid = False
        if not self.signed_on.errors and self.signed_on.data is None and self.status.data in SIGNED_STATES:
            self.signed_on.errors.append(_l("A signed agreement needs its signing date."))
            valid = False
        return valid

    def validate_term_ends_on(self, field):
        if field.data and self.signed_on.data and field.data < self.signed_on.data:
            raise ValidationError(_l("The term cannot end before the agreement is signed."))

    def validate_renewal_on(self, field):
        if not field.data:
            return
        if self.signed_on.data and field.data < self.signed_on.data:
            raise ValidationError(_l("The renewal date cannot be before the signing date."))
        if self.term_ends_on.data and field.data > self.term_ends_on.data:
            raise ValidationError(_l("The renewal date cannot be after the end of the term."))


class AgreementFilterForm(FlaskForm):
    class Meta:
        csrf = False

    q = StringField(_l("Title"), validators=[Optional(), Length(max=200)])
    year = IntegerField(_l("Year signed"), validators=[Optional(), NumberRange(min=1990, max=2100)])
    kind = SelectField(_l("Type"), choices=select_choices([("", _l("Any"))] + AgreementKind.choices()),
                       validators=[Optional()])
    status = SelectField(_l("Status"), choices=select_choices([("", _l("Any"))] + AgreementStatus.choices()),
                         validators=[Optional()])
    office_id = SelectField(_l("Office"), coerce=optional_int, validators=[Optional()])
    company_id = IntegerField(validators=[Optional()])  # from a company page's link
