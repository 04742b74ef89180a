from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    FieldList,
    HiddenField,
    RadioField,
    Form,
    FormField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from crm.forms import LatinNameRequired, VersionedForm, optional_int, select_choices
from crm.models import (
    CompanyKind,
    CompanySize,
    ContactSource,
    NameKind,
    PipelineStatus,
    RegistrationKind,
    RelationKind,
    Side,
)
from crm.services import registration
from crm.services.bulk import Action
from crm.services.pinyin import company_romanised

BLANK_NAME_ROWS = 2  # empty rows the form offers for new alternative names


def split_tags(text: str | None) -> list[str]:
    """'laser, Optics ,laser' -> ['laser', 'Optics']: trimmed, no duplicates (ignoring case)."""
    seen, tags = set(), []
    for tag in (text or "").split(","):
        tag = tag.strip()
        if tag and tag.lower() not in seen:
            seen.add(tag.lower())
            tags.append(tag)
    return tags


def normalise_website(value: str | None) -> str | None:
    value = (value or "").strip()
    if value and "://" not in value:
        value = "https://" + value
    return value or None


class AlternativeNameForm(Form):
    """One row of the company form's alternative names (no CSRF token of its own)."""

    name = StringField(_l("Alternative name"), validators=[Optional(), Length(max=200)])
    kind = SelectField(_l("Kind of name"), choices=select_choices(NameKind.choices()), default=NameKind.OTHER.value)


class CompanyForm(VersionedForm):
    name = StringField(_l("Name (Latin script)"), validators=[LatinNameRequired(company_romanised), Length(max=200)])
    name_local = StringField(_l("Local-script name"), validators=[Optional(), Length(max=200)],
                             description=_l("For example the Chinese name: 济南激光科技有限公司"),
                             render_kw={"data-romanise": "company"})
    kind = SelectField(_l("Kind"), choices=select_choices(CompanyKind.choices()), default=CompanyKind.ENTERPRISE.value)
    city = StringField(_l("City"), validators=[Optional(), Length(max=100)])
    country = SelectField(_l("Country"), validators=[Optional()])
    sector_ids = SelectMultipleField(_l("Sectors"), coerce=int, validators=[Optional()])
    size = SelectField(_l("Size"), choices=select_choices([("", "—")] + CompanySize.choices()), validators=[Optional()])
    website = StringField(_l("Website"), validators=[Optional(), Length(max=300)], filters=[normalise_website])
    email = StringField(_l("E-mail"), validators=[Optional(), Email(), Length(max=254)])
    phone = StringField(_l("Phone"), validators=[Optional(), Length(max=50)])
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=10000)])
    offers = TextAreaField(_l("What it offers"), validators=[Optional(), Length(max=5000)])
    seeks = TextAreaField(_l("What it seeks"), validators=[Optional(), Length(max=5000)])
    cooperation_interests = TextAreaField(_l("Cooperation interests"), validators=[Optional(), Length(max=5000)])
    status = SelectField(_l("Pipeline status"), choices=select_choices(PipelineStatus.choices()),
                         default=PipelineStatus.NEW.value)
    source = SelectField(_l("Source of first contact"),
                         choices=select_choices([("", "—")] + ContactSource.choices()), validators=[Optional()])
    owner_id = SelectField(_l("Owner"), coerce=optional_int, validators=[Optional()])
    office_id = SelectField(_l("Office"), coerce=optional_int, validators=[Optional()])
    tags = StringField(_l("Tags"), validators=[Optional(), Length(max=500)],
                       description=_l("Separated by commas, e.g. laser, fair 2015"))
    alternative_names = FieldList(FormField(AlternativeNameForm), max_entries=50)
    registration_kind = SelectField(_l("Registration number kind"), validators=[Optional()],
                                    choices=select_choices([("", "—")] + RegistrationKind.choices()))
    registration_number = StringField(_l("Registration number"), validators=[Optional(), Length(max=40)],
                                      description=_l("e.g. 91370100MA3C8HKJ0X, HRB 12345 or 0112038-9"))
    registration_court = StringField(_l("Register court"), validators=[Optional(), Length(max=100)],
                                     description=_l("For a Handelsregister number, e.g. Amtsgericht Dresden"))
    submit = SubmitField(_l("Save"))

    def validate_registration_number(self, field):
        """Checks the number (and its check digit) and writes it the one way it is stored."""
        if not field.data:
            return
        if not self.registration_kind.data:
            raise ValidationError(_l("Choose what kind of registration number this is."))
        if self.registration_kind.errors:
            return  # an unknown kind: its own field says so
        try:
            field.data = registration.normalise(RegistrationKind(self.registration_kind.data), field.data)
        except registration.RegistrationError as error:
            raise ValidationError(str(error)) from None

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        # Not an inline validator: Optional() skips those when the court is empty.
        if (self.registration_kind.data == RegistrationKind.DE_HR.value and self.registration_number.data
                and not (self.registration_court.data or "").strip()):
            self.registration_court.errors.append(_l("A Handelsregister number needs its register court."))
            return False
        return valid

    def validate_website(self, field):
        if field.data and ("." not in field.data.split("://", 1)[1] or " " in field.data):
            raise ValidationError(_l("Enter a web address such as www.example.de."))

    def validate_tags(self, field):
        if any(len(tag) > 60 for tag in split_tags(field.data)):
            raise ValidationError(_l("A tag can have at most 60 characters."))


class CompanyFilterForm(FlaskForm):
    """The list's search and filters, read from the query string."""

    class Meta:
        csrf = False

    q = StringField(_l("Search"), validators=[Optional(), Length(max=200)],
                    description=_l("Name in any script, website or e-mail domain"))
    city = StringField(_l("City"), validators=[Optional(), Length(max=100)])
    country = SelectField(_l("Country"), validators=[Optional()])
    sector_id = SelectField(_l("Sector"), coerce=optional_int, validators=[Optional()])
    status = SelectField(_l("Status"), choices=select_choices([("", _l("Any"))] + PipelineStatus.choices()),
                         validators=[Optional()])
    owner_id = SelectField(_l("Owner"), coerce=optional_int, validators=[Optional()])
    office_id = SelectField(_l("Office"), coerce=optional_int, validators=[Optional()])
    tag_id = SelectField(_l("Tag"), coerce=optional_int, validators=[Optional()])


# A link can be entered from either end: "~kind" stores it the other way round.
RELATION_CHOICES = [(kind.value, kind.label) for kind in RelationKind] + [
    (f"~{kind.value}", kind.inverse) for kind in RelationKind if kind is not RelationKind.PARTNER_OF]


class RelationForm(FlaskForm):
    """A link from this company to another organisation, found by its name."""

    kind = SelectField(_l("Relation"), choices=select_choices(RELATION_CHOICES))
    other = StringField(_l("Other organisation"), validators=[DataRequired(), Length(max=200)],
                        description=_l("Its name as on its page, in either script"))
    agreement_id = SelectField(_l("Agreement"), coerce=optional_int, validators=[Optional()],
                               description=_l("For partners: the agreement that made them partners"))
    note = StringField(_l("Note"), validators=[Optional(), Length(max=300)])
    submit = SubmitField(_l("Add relation"))


BULK_ACTIONS = [
    (Action.OWNER.value, _l("Set owner")),
    (Action.STATUS.value, _l("Set pipeline status")),
    (Action.TAGS.value, _l("Add tags")),
    (Action.SECTOR.value, _l("Add a sector")),
    (Action.EVENT.value, _l("Add to an event as participants")),
    (Action.DELEGATION.value, _l("Add to a delegation as members")),
]


class BulkEditForm(FlaskForm):
    """One action for many companies: the rows ticked in the list (posted as `ids`) or every
    row matching the list's filter (`query`, the list's query string). Only the value field
    of the chosen action is required; the view checks it."""

    scope = RadioField(_l("Companies"), default="selected", choices=select_choices([
        ("selected", _l("The ticked rows")), ("all", _l("All rows matching the filter"))]))
    query = HiddenField(validators=[Optional(), Length(max=2000)])
    action = SelectField(_l("Action"), choices=select_choices([("", "—")] + BULK_ACTIONS),
                         validators=[DataRequired(_l("Choose an action."))])
    owner_id = SelectField(_l("Owner"), coerce=optional_int, validators=[Optional()])
    status = SelectField(_l("Pipeline status"), choices=select_choices([("", "—")] + PipelineStatus.choices()),
                         validators=[Optional()])
    tags = StringField(_l("Tags"), validators=[Optional(), Length(max=500)],
                       description=_l("Separated by commas, e.g. laser, fair 2015"))
    sector_id = SelectField(_l("Sector"), coerce=optional_int, validators=[Optional()])
    event_id = SelectField(_l("Event"), coerce=optional_int, validators=[Optional()])
    side = SelectField(_l("Side"), choices=select_choices(Side.choices()), default=Side.A.value)
    delegation_id = SelectField(_l("Delegation"), coerce=optional_int, validators=[Optional()])
    preview = SubmitField(_l("Show what will change"))
    confirm = SubmitField(_l("Apply"))

    # The field that holds each action's value.
    VALUE_FIELDS = {Action.OWNER: "owner_id", Action.STATUS: "status", Action.TAGS: "tags",
                    Action.SECTOR: "sector_id", Action.EVENT: "event_id", Action.DELEGATION: "delegation_id"}
