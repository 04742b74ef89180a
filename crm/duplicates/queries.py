"""Queries of the duplicates area: the pairs list (cached per state of the table) and counts."""
import threading

import sqlalchemy as sa

from crm.extensions import db
from crm.models import (
    Affiliation,
    Company,
    DelegationMember,
    FollowUp,
    Inquiry,
    Interaction,
    Participant,
    agreement_parties,
)
from crm.services import dedupe
from crm.services.importing import existing_company_records

_cache: dict = {}
_lock = threading.Lock()


def companies_fingerprint() -> tuple:
    """Changes whenever a company is added, edited or deleted."""
    return tuple(db.session.execute(
        sa.select(sa.func.count(Company.id), sa.func.max(Company.id), sa.func.max(Company.updated_at))
    ).one())


def duplicate_pairs() -> list[dedupe.Match]:
    """Probable duplicate pairs among all companies, best first; computed once per state."""
    key = (str(db.engine.url), companies_fingerprint())
    with _lock:
        if _cache.get("key") == key:
            return _cache["pairs"]
    pairs = dedupe.find_duplicate_pairs(existing_company_records())
    pairs.sort(key=lambda m: (-m.score, m.existing, m.candidate))
    with _lock:
        _cache.update(key=key, pairs=pairs)
    return pairs


def related_counts(company_id: int) -> dict[str, int]:
    """How many records of each kind point at a company: what a merge moves."""
    def count(table, column) -> int:
        return db.session.scalar(sa.select(sa.func.count()).select_from(table).where(column == company_id)) or 0

    return {
        "people": count(Affiliation, Affiliation.company_id),
        "interactions": count(Interaction, Interaction.company_id),
        "follow_ups": count(FollowUp, FollowUp.company_id),
        "participations": count(Participant, Participant.company_id),
        "delegations": count(DelegationMember, DelegationMember.company_id),
        "agreements": count(agreement_parties, agreement_parties.c.company_id),
        "inquiries": count(Inquiry, Inquiry.company_id),
    }
