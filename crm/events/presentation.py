"""The words of the event pages for what the services report as codes: why a request is
unscheduled, why an edit was refused, what a suggestion's factors are, what is wrong
with a meeting. Everything here is translated; the services speak English or codes."""
from collections.abc import Mapping

from flask_babel import format_date, format_time
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from crm.models import Participant
from crm.services import fair, scheduling
from crm.services.matching import FactorKind
from crm.services.scheduling import Blockers, Reason

FACTOR_LABELS = {
    FactorKind.OFFERS_MEET_SEEKS: _l("Offers meet needs"),
    FactorKind.SHARED_SECTORS: _l("Shared sectors"),
    FactorKind.COMPLEMENTARY_SECTORS: _l("Complementary sectors"),
    FactorKind.SHARED_INTERESTS: _l("Shared cooperation interests"),
    FactorKind.ALREADY_PARTNERS: _l("Already partners"),
    FactorKind.ALREADY_MET: _l("Met at an earlier event"),
    FactorKind.DECLINED_BEFORE: _l("A meeting was declined before"),
    FactorKind.SAME_SIDE: _l("Same side"),
}

BLOCKER_WORDS = {
    Blockers.LOCKED: _l("locked meetings"),
    Blockers.HIGHER: _l("higher-priority meetings"),
    Blockers.EQUAL_OR_HIGHER: _l("meetings of equal or higher priority"),
    Blockers.OTHER: _l("other meetings"),
}

CONFLICT_WORDS = {
    fair.NOT_IN_GRID: _l("its slot is no longer in the grid"),
    fair.NO_TABLE: _l("its table no longer exists"),
    fair.UNAVAILABLE: _l("%(company)s is not available then"),
    fair.DOUBLE_BOOKED: _l("%(company)s has another meeting then"),
}


def slot_label(slot: fair.Slot | None, index: int | None = None) -> str:
    """'10 Jun 2026 09:00–09:20' in the event's clock; a lost slot by its number."""
    if slot is None:
        return _("slot %(number)s (no longer in the grid)", number=(index or 0) + 1)
    start, end = (format_time(t, "short", rebase=False) for t in (slot.start, slot.end))
    return f"{format_date(slot.day, 'medium')} {start}–{end}"


def reason_text(item: scheduling.Unscheduled, names: Mapping[str, str], grid) -> str:
    """Why a request has no meeting, naming the companies."""
    who = names.get(item.participant, item.participant) if item.participant else None
    match item.code:
        case Reason.CANCELLED:
            return _("Cancelled by a manager; decline the request to drop it.")
        case Reason.NO_COMMON_SLOT:
            return _("There is no slot in which both are available.")
        case Reason.MAX_MEETINGS if item.limit == 0:
            return _("%(company)s wants no meetings.", company=who)
        case Reason.MAX_MEETINGS:
            return _("%(company)s has reached its maximum of %(limit)s meetings.", company=who, limit=item.limit)
        case Reason.TABLES_FULL:
            return _("Every table is taken in all slots both are available in.")
        case Reason.FREE_SLOT:
            return _("%(slot)s is still free for both: add it as a late request or schedule again.",
                     slot=slot_label(fair.slot_at(grid, item.slot), item.slot))
        case _:
            words = BLOCKER_WORDS.get(item.blockers, BLOCKER_WORDS[Blockers.OTHER])
            if who:
                return _("%(company)s is busy with %(meetings)s in every slot both are available in.",
                         company=who, meetings=words)
            return _("All slots both are available in are taken by %(meetings)s.", meetings=words)


def conflict_text(conflict: fair.Conflict, participant: Participant | None) -> str:
    return str(CONFLICT_WORDS[conflict]) % {"company": participant.company.name if participant else ""}


def move_error_text(error: scheduling.EditError, schedule: scheduling.Schedule, a: Participant, b: Participant,
                    slot: int, table: int | None) -> str:
    """Why a meeting cannot move to `slot` (at `table`)."""
    instance = schedule.instance
    match error.code:
        case "not_available":
            who = a if slot not in instance.available(fair.key(a.id)) else b
            return _("%(company)s is not available in this slot.", company=who.company.name)
        case "busy":
            busy = {m.a for m in schedule.meetings if m.slot == slot} | {m.b for m in schedule.meetings
                                                                        if m.slot == slot}
            who = a if fair.key(a.id) in busy else b
            return _("%(company)s has another meeting in this slot.", company=who.company.name)
        case "table_taken" if table:
            return _("Table %(table)s is taken in this slot.", table=table)
        case "table_taken":
            return _("Every table is taken in this slot.")
        case _:
            return _("Choose a slot and a table of the grid.")


def late_error_text(error: scheduling.EditError, schedule: scheduling.Schedule, a: Participant,
                    b: Participant, table: int | None) -> str:
    """Why a late request finds no free slot."""
    instance = schedule.instance
    match error.code:
        case "already_meets":
            return _("%(one)s and %(other)s already have a meeting.", one=a.company.name, other=b.company.name)
        case "table_taken":
            return _("Table %(table)s is taken in every slot free for both.", table=table)
        case Reason.NO_COMMON_SLOT:
            return _("There is no slot in which both are available.")
        case Reason.MAX_MEETINGS:
            full = next((p for p in (a, b) if _at_max(instance, schedule, p)), a)
            return _("%(company)s has reached its maximum of %(limit)s meetings.", company=full.company.name,
                     limit=full.max_meetings)
        case _:
            return _("Every slot in which both are available is taken (by them or at every table).")


def _at_max(instance: scheduling.Instance, schedule: scheduling.Schedule, participant: Participant) -> bool:
    limit = participant.max_meetings
    who = fair.key(participant.id)
    return limit is not None and sum(m.involves(who) for m in schedule.meetings) >= limit
