"""Match suggestions for matchmaking fairs and delegations.

    from crm.services.matching import Profile, History, suggest, suggest_all

    suggestions = suggest_all(profiles, history={(3, 7): History(declined=True)}, limit=10)
    for s in suggestions[3]:
        print(s.candidate_id, s.score, s.explain())

A fair: one `Profile` per participant, `suggest_all` (or a `Matcher` kept for the page).
A delegation: `suggest(member_profile, company_profiles)` for each member.
Texts may be Chinese, German, English or Finnish; `analysis` explains how they are read,
`lexicon` holds the cross-language concepts, `scoring` the points.
"""
from crm.services.matching.adapters import (
    profile_from_company,
    profile_from_delegation_member,
    profile_from_participant,
)
from crm.services.matching.analysis import Term, analyse, concept_label
from crm.services.matching.scoring import (
    COMPLEMENTARY_SECTORS,
    DEFAULT_SETTINGS,
    Factor,
    FactorKind,
    History,
    Matcher,
    MatchSettings,
    Profile,
    Suggestion,
    TermMatch,
    score_pair,
    sector_keys,
    suggest,
    suggest_all,
)

__all__ = [
    "COMPLEMENTARY_SECTORS",
    "DEFAULT_SETTINGS",
    "Factor",
    "FactorKind",
    "History",
    "MatchSettings",
    "Matcher",
    "Profile",
    "Suggestion",
    "Term",
    "TermMatch",
    "analyse",
    "concept_label",
    "profile_from_company",
    "profile_from_delegation_member",
    "profile_from_participant",
    "score_pair",
    "sector_keys",
    "suggest",
    "suggest_all",
]
