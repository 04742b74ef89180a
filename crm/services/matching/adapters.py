"""Profiles from the CRM's records: fair participants, delegation members, companies.

Only attributes are read (no queries), so load what is needed first, e.g.
`selectinload(Participant.company).selectinload(Company.sectors)`.
"""
from crm.services.matching.scoring import Profile


def _sector_names(company) -> set[str]:
    return {sector.name for sector in company.sectors}


def _side(value):
    return getattr(value, "value", value)


def profile_from_participant(participant, *, same_side_ok: bool = False) -> Profile:
    """A fair participant: its profile for this fair, else its company's standing one."""
    company = participant.company
    return Profile(
        id=participant.id,
        side=_side(participant.side),
        offers=participant.offers or company.offers,
        seeks=participant.seeks or company.seeks,
        sectors=_sector_names(company),
        interests=company.cooperation_interests,
        same_side_ok=same_side_ok,
    )


def profile_from_company(company, *, side=None, id=None) -> Profile:
    """A company as a counterpart, e.g. a European firm for an outbound delegation."""
    return Profile(
        id=company.id if id is None else id,
        side=_side(side),
        offers=company.offers,
        seeks=company.seeks,
        sectors=_sector_names(company),
        interests=company.cooperation_interests,
    )


def profile_from_delegation_member(member, *, side=None) -> Profile:
    """A delegation member: its company's profile, its interests for this trip first.

    The id is "member:<id>" so that it never clashes with the companies it is matched with.
    """
    company = member.company
    interests = "; ".join(filter(None, (member.interests, company.cooperation_interests)))
    return Profile(
        id=f"member:{member.id}",
        side=_side(side),
        offers=company.offers,
        seeks=company.seeks,
        sectors=_sector_names(company),
        interests=interests,
    )
