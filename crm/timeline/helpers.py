"""Labels and links of timeline items, for templates/timeline/_items.html (and any page
that includes it: the timeline blueprint makes them template globals app-wide)."""
from flask import url_for
from flask_babel import lazy_gettext as _l
from werkzeug.routing import BuildError

from crm.models import (
    AgreementKind,
    AgreementStatus,
    Channel,
    DelegationStatus,
    Direction,
    EventKind,
    MeetingOutcome,
    VisitKind,
)
from crm.services import timeline as tl
from crm.services.timeline import TimelineItem

KIND_LABELS = {
    tl.INTERACTION: _l("Interaction"),
    tl.FAIR_MEETING: _l("Fair meeting"),
    tl.HOSTED_VISIT: _l("Delegation visit (host)"),
    tl.VISIT: _l("Delegation visit"),
    tl.DELEGATION: _l("Delegation"),
    tl.AGREEMENT: _l("Agreement"),
    "event": _l("Event"),
}

# Which enum the `code` and `state` of each kind of item hold.
CODE_ENUMS = {
    tl.INTERACTION: Channel,
    tl.FAIR_MEETING: EventKind,
    tl.HOSTED_VISIT: VisitKind,
    tl.VISIT: VisitKind,
    tl.DELEGATION: Direction,
    tl.AGREEMENT: AgreementKind,
    "event": EventKind,
}
STATE_ENUMS = {
    tl.FAIR_MEETING: MeetingOutcome,
    tl.HOSTED_VISIT: MeetingOutcome,
    tl.VISIT: MeetingOutcome,
    tl.DELEGATION: DelegationStatus,
    tl.AGREEMENT: AgreementStatus,
}


def _label(enum_cls, value):
    if enum_cls is None or value is None:
        return value
    try:
        return enum_cls(value).label
    except ValueError:
        return value


def timeline_kind_label(item: TimelineItem):
    return KIND_LABELS.get(item.kind, item.kind)


def timeline_code_label(item: TimelineItem):
    """'Call', 'Matchmaking fair', 'Company visit', 'Memorandum of understanding' ..."""
    return _label(CODE_ENUMS.get(item.kind), item.code)


def timeline_state_label(item: TimelineItem):
    """An outcome or a status, or None."""
    return _label(STATE_ENUMS.get(item.kind), item.state)


def _url(endpoint: str, **values) -> str | None:
    try:
        return url_for(endpoint, **values)
    except BuildError:  # an area that has no page (yet)
        return None


def timeline_url(item: TimelineItem) -> str | None:
    """The page an item links to, if there is one."""
    match item.kind:
        case tl.FAIR_MEETING:
            return _url("events.detail", event_id=item.parent_id)
        case "event":
            return _url("events.detail", event_id=item.id)
        case tl.HOSTED_VISIT | tl.VISIT:
            return _url("delegations.detail", delegation_id=item.parent_id, _anchor=f"visit-{item.id}")
        case tl.DELEGATION:
            return _url("delegations.detail", delegation_id=item.parent_id or item.id)
        case tl.AGREEMENT:
            return _url("agreements.detail", agreement_id=item.id)
    return None


TEMPLATE_GLOBALS = {
    "timeline_kind_label": timeline_kind_label,
    "timeline_code_label": timeline_code_label,
    "timeline_state_label": timeline_state_label,
    "timeline_url": timeline_url,
}
