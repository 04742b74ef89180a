from urllib.parse import urlsplit

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, SelectMultipleField, StringField, SubmitField, URLField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from crm.forms import optional_int, select_choices
from crm.models import DeliveryStatus, WebhookEvent

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}


class EndpointForm(FlaskForm):
    url = URLField(_l("URL"), validators=[DataRequired(), Length(max=500)],
                   description=_l("An https:// address that accepts POST requests with a JSON body."))
    description = StringField(_l("Description"), validators=[Optional(), Length(max=200)])
    events = SelectMultipleField(_l("Events"), choices=select_choices(WebhookEvent.choices()),
                                 validators=[DataRequired(message=_l("Choose at least one event."))])
    active = BooleanField(_l("Active (receives events)"), default=True)
    submit = SubmitField(_l("Save"))

    def validate_url(self, field):
        parts = urlsplit(field.data.strip())
        try:
            host = parts.hostname
            parts.port  # noqa: B018 (raises on a port that is not a number)
        except ValueError:
            host = None
        loopback = current_app.config["WEBHOOKS_ALLOW_LOOPBACK"] and host in LOOPBACK_HOSTS
        if not host or not (parts.scheme == "https" or parts.scheme == "http" and loopback):
            raise ValidationError(_l("Enter a full https:// address, e.g. https://example.com/hooks/jadebridge."))
        if parts.username or parts.password:
            raise ValidationError(_l("Leave the user name and password out of the address."))


class DeliveryFilterForm(FlaskForm):
    """The delivery list's filters, read from the query string."""

    class Meta:
        csrf = False

    status = SelectField(_l("Status"), choices=select_choices([("", _l("Any")), *DeliveryStatus.choices()]),
                         validators=[Optional()])
    endpoint_id = SelectField(_l("Endpoint"), coerce=optional_int, validators=[Optional()])
