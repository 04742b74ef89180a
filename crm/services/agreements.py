"""Partner agreements: checking and storing the signed document, and the follow-up
planned ahead of a renewal date.

The document check reads the file's first bytes: a name ending in .pdf proves nothing.
Stored files get a random name under the upload folder; the user's file name is kept
only as metadata, for the download.
"""
import os
import re
import secrets
import shutil
from dataclasses import dataclass
from datetime import date, timedelta
from typing import BinaryIO

import sqlalchemy as sa
from flask_babel import force_locale, get_babel
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from crm.extensions import db
from crm.models import Agreement, AgreementStatus, Company, FollowUp, Role, User
from crm.services.followups import plan_follow_up

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
RENEWAL_LEAD_DAYS = 60
RENEWABLE = frozenset({AgreementStatus.SIGNED, AgreementStatus.ACTIVE})


# --- the document ----------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class DocumentType:
    mimetype: str
    magic: bytes
    extensions: tuple[str, ...]
    label: str


DOCUMENT_TYPES = (
    DocumentType("application/pdf", b"%PDF-", (".pdf",), "PDF"),
    DocumentType("image/png", b"\x89PNG\r\n\x1a\n", (".png",), "PNG"),
    DocumentType("image/jpeg", b"\xff\xd8\xff", (".jpg", ".jpeg"), "JPEG"),
)
ACCEPTED_EXTENSIONS = tuple(ext for t in DOCUMENT_TYPES for ext in t.extensions)
STORED_NAME = re.compile(r"^[0-9a-f]{32}\.(pdf|png|jpg)$")


class DocumentRejected(ValueError):
    """The upload is not an acceptable document; `message` says why, for the form."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class CheckedDocument:
    type: DocumentType
    name: str  # the user's file name, without any folder part
    size: int

    @property
    def extension(self) -> str:
        return self.type.extensions[0]


def sniff(head: bytes) -> DocumentType | None:
    """The accepted type these first bytes belong to, if any."""
    return next((t for t in DOCUMENT_TYPES if head.startswith(t.magic)), None)


def clean_name(filename: str | None) -> str:
    """The file name as the user's computer called it, with no folders, kept for the download."""
    name = re.split(r"[\\/]", filename or "")[-1].strip()
    name = "".join(ch for ch in name if ch.isprintable() and ch not in '"')
    return name[:200] or "document"


def check_document(stream: BinaryIO, filename: str | None, max_bytes: int = DEFAULT_MAX_BYTES) -> CheckedDocument:
    """A PDF, PNG or JPEG no larger than `max_bytes`, whose content matches its name."""
    name = clean_name(filename)
    stream.seek(0, os.SEEK_END)
    size = stream.tell()
    stream.seek(0)
    if size == 0:
        raise DocumentRejected(_l("The file is empty."))
    if size > max_bytes:
        raise DocumentRejected(_l("The file is larger than %(limit)s.", limit=_size_text(max_bytes)))
    head = stream.read(16)
    stream.seek(0)
    kind = sniff(head)
    if kind is None:
        raise DocumentRejected(_l("Only PDF, PNG and JPEG files are accepted; this file is none of them."))
    extension = os.path.splitext(name)[1].lower()
    if extension not in kind.extensions:
        raise DocumentRejected(_l("The file's content is %(kind)s but its name does not end in %(extensions)s.",
                                  kind=kind.label, extensions=" / ".join(kind.extensions)))
    return CheckedDocument(type=kind, name=name, size=size)


def _size_text(size: int) -> str:
    """10485760 as '10 MB', 2048 as '2 KB'."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.3g} MB"
    return f"{max(1, round(size / 1024))} KB"


def store_document(stream: BinaryIO, document: CheckedDocument, folder: str) -> str:
    """Save the upload under `folder` with a random name; returns that name."""
    os.makedirs(folder, exist_ok=True)
    stored = secrets.token_hex(16) + document.extension
    stream.seek(0)
    with open(os.path.join(folder, stored), "xb") as target:
        shutil.copyfileobj(stream, target)
    return stored


def stored_path(folder: str, stored: str | None) -> str | None:
    """The file of a stored name, or None for a name this module would never have made."""
    if not stored or not STORED_NAME.match(stored):
        return None
    return os.path.join(folder, stored)


def remove_document(folder: str, stored: str | None) -> None:
    path = stored_path(folder, stored)
    if path is not None and os.path.exists(path):
        os.remove(path)


def attach_document(agreement: Agreement, document: CheckedDocument, stored: str) -> None:
    agreement.document_path = stored
    agreement.document_name = document.name
    agreement.document_type = document.type.mimetype
    agreement.document_size = document.size


def detach_document(agreement: Agreement) -> str | None:
    """Forget the document; returns its stored name, for the caller to remove after commit."""
    stored = agreement.document_path
    agreement.document_path = agreement.document_name = agreement.document_type = None
    agreement.document_size = None
    return stored


# --- renewal ---------------------------------------------------------------------------------------------------------

def renewal_due_on(renewal_on: date, today: date, lead_days: int = RENEWAL_LEAD_DAYS) -> date:
    """`lead_days` before the renewal date, or today when that day has passed."""
    return max(renewal_on - timedelta(days=lead_days), today)


def office_manager(office_id: int | None) -> User | None:
    """The office's first active manager (by id), if it has one."""
    if office_id is None:
        return None
    return db.session.scalars(
        sa.select(User)
        .where(User.office_id == office_id, User.role == Role.MANAGER, User.active.is_(True))
        .order_by(User.id)
        .limit(1)
    ).first()


def renewal_party(agreement: Agreement) -> Company | None:
    """The company the renewal follow-up is filed under: the first party outside China
    (the offices' partner; the zone itself is the Chinese side), else the first party."""
    parties = list(agreement.parties)
    return next((c for c in parties if c.country and c.country.upper() != "CN"), parties[0] if parties else None)


def ensure_renewal_follow_up(
    agreement: Agreement,
    today: date,
    lead_days: int = RENEWAL_LEAD_DAYS,
    assignee: User | None = None,
    created_by: User | None = None,
) -> FollowUp | None:
    """Plan the follow-up ahead of the renewal date of a signed or active agreement, once.

    The assignee is the office's first manager, else `assignee` (the saving user). When
    the follow-up exists and is still open, a moved renewal date moves it too (unless
    its new due day has already passed). Returns a new follow-up, else None. The session
    is flushed so that the agreement can keep the follow-up's id."""
    if agreement.renewal_follow_up_id is not None:
        _reschedule(agreement, today, lead_days)
        return None
    if agreement.status not in RENEWABLE or agreement.renewal_on is None:
        return None
    company = renewal_party(agreement)
    person = office_manager(agreement.office_id) or assignee
    if company is None or person is None:
        return None
    with force_locale(person.language or get_babel().default_locale):
        next_step = _("Prepare the renewal of “%(title)s” (renewal on %(day)s)",
                      title=agreement.title, day=agreement.renewal_on.isoformat())
    follow_up = plan_follow_up(
        company=company, next_step=next_step[:500], due_on=renewal_due_on(agreement.renewal_on, today, lead_days),
        assignee=person, created_by=created_by or assignee or person,
    )
    db.session.add(follow_up)
    db.session.flush()
    agreement.renewal_follow_up_id = follow_up.id
    return follow_up


def _reschedule(agreement: Agreement, today: date, lead_days: int) -> None:
    if agreement.renewal_on is None or agreement.status not in RENEWABLE:
        return
    follow_up = db.session.get(FollowUp, agreement.renewal_follow_up_id)
    wanted = agreement.renewal_on - timedelta(days=lead_days)
    if follow_up is not None and follow_up.is_open and wanted >= today and follow_up.due_on != wanted:
        follow_up.due_on = wanted


def renewals_to_plan() -> sa.Select:
    """Signed or active agreements with a renewal date and no renewal follow-up yet."""
    return (
        sa.select(Agreement)
        .where(Agreement.status.in_(RENEWABLE), Agreement.renewal_on.is_not(None),
               Agreement.renewal_follow_up_id.is_(None))
        .order_by(Agreement.renewal_on, Agreement.id)
    )
