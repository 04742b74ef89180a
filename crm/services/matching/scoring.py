"""Scoring pairs of profiles and ranking counterparts, with the reasons shown.

The score of a pair is symmetric, 0..100, and the sum of its factors' points:

  offers meet seeks   up to 50 points for the better direction (a's offers against b's
                      seeks, or b's offers against a's seeks) and up to 20 for the other:
                      mostly how much of what the seeker asks for the offer covers, partly
                      how much of the offer is asked for; every term weighted by rarity
                      among the profiles compared, so "software" counts less than "laser"
                      when most firms mention software
  sectors             5 per shared sector, 3 per complementary pair, at most 10
  interests           up to 10 for shared cooperation interests (joint venture, licensing ...)
  history             already partners +5, already met -5, declined before -40
  same side           -30, unless same-side meetings are allowed

Points are whole numbers, so a manager can add them up. `MatchSettings` changes any of them.
"""
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property, partial

from crm.services.matching.analysis import (
    CONCEPT,
    PART_WEIGHT,
    WORD,
    Term,
    analyse,
    compound_parts,
    concept_label,
    idf,
)
from crm.services.normalise import match_key

COMPLEMENTARY_SECTORS: tuple[tuple[str, str], ...] = (
    ("microelectronics", "intelligent manufacturing"),
    ("semiconductors", "electronics"),
    ("software", "intelligent manufacturing"),
    ("artificial intelligence", "intelligent manufacturing"),
    ("internet of things", "intelligent manufacturing"),
    ("sensors", "automation"),
    ("machine vision", "robotics"),
    ("lasers", "precision machining"),
    ("optics", "lasers"),
    ("batteries", "electric vehicles"),
    ("new energy", "electric vehicles"),
    ("new energy", "energy storage"),
    ("materials", "new energy"),
    ("biotechnology", "medical devices"),
    ("biotechnology", "pharmaceuticals"),
    ("medical devices", "healthcare"),
    ("logistics", "e-commerce"),
)


class FactorKind(StrEnum):
    """What a factor is about; the web UI turns these into translated labels."""

    OFFERS_MEET_SEEKS = "offers_meet_seeks"
    SHARED_SECTORS = "shared_sectors"
    COMPLEMENTARY_SECTORS = "complementary_sectors"
    SHARED_INTERESTS = "shared_interests"
    ALREADY_PARTNERS = "already_partners"
    ALREADY_MET = "already_met"
    DECLINED_BEFORE = "declined_before"
    SAME_SIDE = "same_side"


@dataclass(frozen=True)
class MatchSettings:
    """Points of each factor; the defaults are the ones described in the module docstring."""

    best_direction_points: int = 50
    other_direction_points: int = 20
    seek_share: float = 0.75  # the rest is how much of the offer is asked for
    shared_sector_points: int = 5
    complementary_sector_points: int = 3
    sector_points_cap: int = 10
    interest_points: int = 10
    partners_points: int = 5
    already_met_points: int = -5
    declined_points: int = -40
    same_side_points: int = -30
    complementary_sectors: tuple[tuple[str, str], ...] = COMPLEMENTARY_SECTORS


DEFAULT_SETTINGS = MatchSettings()


@dataclass(frozen=True)
class Profile:
    """What the matcher knows of a fair participant, delegation member or company.

    `id` must be unique among the profiles compared together and comparable with the
    others (all ints, or all strings) for the ranking's tie-break. `side` is any value
    ('A'/'B', a `Side`); None means no side. `interests` is free text or a set of labels.
    `language` ('zh', 'de', 'en', 'fi') is a hint; text in any of them is understood anyway.
    """

    id: Hashable
    side: Hashable | None = None
    offers: str | None = ""
    seeks: str | None = ""
    sectors: Iterable[str] = frozenset()
    interests: str | Iterable[str] | None = ""
    language: str | None = None
    same_side_ok: bool = False  # this participant asked to meet firms of its own side too

    def __post_init__(self):
        object.__setattr__(self, "offers", self.offers or "")
        object.__setattr__(self, "seeks", self.seeks or "")
        object.__setattr__(self, "sectors", frozenset(s.strip() for s in self.sectors or () if s and s.strip()))
        if not isinstance(self.interests, str):
            interests = frozenset(i.strip() for i in self.interests or () if i and i.strip())
            object.__setattr__(self, "interests", interests)

    @property
    def interests_text(self) -> str:
        if isinstance(self.interests, str):
            return self.interests
        return "; ".join(sorted(self.interests))


@dataclass(frozen=True)
class History:
    """What happened between two firms before, as the caller knows it."""

    already_met: bool = False
    partners: bool = False
    declined: bool = False

    def __or__(self, other: "History") -> "History":
        return History(
            self.already_met or other.already_met,
            self.partners or other.partners,
            self.declined or other.declined,
        )


@dataclass(frozen=True)
class TermMatch:
    """A term both profiles use. `left` holds the words of the source (directed factors) or
    of the profile whose suggestion this is; `right` the other profile's words."""

    key: str
    label: str
    left: tuple[str, ...]
    right: tuple[str, ...]
    concept: str | None = None

    def describe(self) -> str:
        text = f"{_quoted(self.left)} ↔ {_quoted(self.right)}"
        if self.concept:
            text += f" (concept: {self.label})"
        return text


@dataclass(frozen=True)
class Factor:
    """One reason in a score. For OFFERS_MEET_SEEKS, `source` offers what `target` seeks
    and `share` is how much of the target's needs that covers (0..1)."""

    kind: FactorKind
    points: int
    terms: tuple[TermMatch, ...] = ()
    source: Hashable | None = None
    target: Hashable | None = None
    share: float | None = None

    def describe(self, names: Mapping | None = None) -> str:
        """Plain English for logs, the shell and tests; the web UI translates `kind` instead."""
        names = names or {}
        match self.kind:
            case FactorKind.OFFERS_MEET_SEEKS:
                source, target = names.get(self.source, self.source), names.get(self.target, self.target)
                head = f"{source} offers what {target} seeks ({self.share:.0%} covered)"
            case FactorKind.SHARED_SECTORS:
                head = "Shared sectors"
            case FactorKind.COMPLEMENTARY_SECTORS:
                head = "Complementary sectors"
            case FactorKind.SHARED_INTERESTS:
                head = "Shared cooperation interests"
            case FactorKind.ALREADY_PARTNERS:
                head = "Already partners"
            case FactorKind.ALREADY_MET:
                head = "Already met before"
            case FactorKind.DECLINED_BEFORE:
                head = "Declined before"
            case _:
                head = "Same side"
        terms = "; ".join(t.describe() for t in self.terms)
        return f"{self.points:+d} {head}" + (f": {terms}" if terms else "")


@dataclass(frozen=True)
class Suggestion:
    """A counterpart for `profile_id`, its score and the factors that make it up.

    The factors are worked out when first read, so ranking a whole fair stays cheap.
    """

    profile_id: Hashable
    candidate_id: Hashable
    score: int
    # The factors, or a function that works them out.
    _factors: Callable[[], tuple[Factor, ...]] | tuple[Factor, ...] = field(default=(), repr=False, compare=False)

    @cached_property
    def factors(self) -> tuple[Factor, ...]:
        return self._factors() if callable(self._factors) else tuple(self._factors)

    def explain(self, names: Mapping | None = None) -> list[str]:
        """One line per factor, in plain English (see `Factor.describe`)."""
        return [f.describe(names) for f in self.factors]


def _quoted(words: tuple[str, ...]) -> str:
    return ", ".join(f"'{w}'" for w in words)


@dataclass
class _Field:
    """A text of one profile: term key -> (rarity-weighted weight, words as written)."""

    entries: dict[str, tuple[float, tuple[str, ...]]] = field(default_factory=dict)
    total: float = 0.0


@dataclass
class _Prepared:
    profile: Profile
    offers: _Field
    seeks: _Field
    interests: _Field
    sectors: dict[str, tuple[str, ...]]  # sector key -> the profile's sector names


def sector_keys(name: str) -> set[str]:
    """What a sector name stands for: lexicon concepts when it names some
    ('Mikroelektronik', '微电子' and 'Microelectronics' agree), else its folded name."""
    concepts = {t.key for t in analyse(name) if t.concept}
    return concepts or {"s:" + match_key(name)}


def _pair_history(history: Mapping | None) -> dict[frozenset, History]:
    pairs: dict[frozenset, History] = {}
    for key, value in (history or {}).items():
        pair = frozenset(key)
        pairs[pair] = pairs[pair] | value if pair in pairs else value
    return pairs


class Matcher:
    """Profiles analysed once, so that any pair can be scored and explained cheaply.

    Build one per fair (all participants) or per delegation (members and host companies);
    rarity weights come from the profiles given. `history` maps pairs of ids, as
    (a, b) tuples in either order or frozensets, to a `History`.
    """

    def __init__(
        self,
        profiles: Iterable[Profile],
        *,
        history: Mapping | None = None,
        allow_same_side: bool = False,
        settings: MatchSettings = DEFAULT_SETTINGS,
    ):
        self.settings = settings
        self.allow_same_side = allow_same_side
        self._history = _pair_history(history)
        self.profiles: dict[Hashable, Profile] = {}
        for profile in profiles:
            if profile.id in self.profiles:
                raise ValueError(f"two profiles with id {profile.id!r}")
            self.profiles[profile.id] = profile
        self._prepared = self._prepare()
        self._complements = self._complement_table()

    def _prepare(self) -> dict[Hashable, _Prepared]:
        texts = {
            pid: [
                analyse(p.offers, p.language),
                analyse(p.seeks, p.language),
                analyse(p.interests_text, p.language),
            ]
            for pid, p in self.profiles.items()
        }
        # Compounds made of words other profiles use: "Blechbearbeitung" also counts as "Blech".
        words = {
            t.key[len(WORD) :] for fields in texts.values() for terms in fields for t in terms if t.key.startswith(WORD)
        }
        parts = compound_parts(words)
        for fields in texts.values():
            for i, terms in enumerate(fields):
                extra = [
                    Term(WORD + piece, t.surface, PART_WEIGHT)
                    for t in terms
                    if t.key.startswith(WORD)
                    for piece in parts.get(t.key[len(WORD) :], ())
                ]
                fields[i] = (*terms, *extra)
        frequency = Counter(key for fields in texts.values() for key in {t.key for terms in fields for t in terms})
        weights = {key: idf(count, len(texts)) for key, count in frequency.items()}
        return {
            pid: _Prepared(
                profile=self.profiles[pid],
                offers=_field(fields[0], weights),
                seeks=_field(fields[1], weights),
                interests=_field(fields[2], weights),
                sectors=_sectors(self.profiles[pid].sectors),
            )
            for pid, fields in texts.items()
        }

    def _complement_table(self) -> dict[str, set[str]]:
        table: dict[str, set[str]] = {}
        for one, other in self.settings.complementary_sectors:
            for x in sector_keys(one):
                for y in sector_keys(other):
                    if x != y:
                        table.setdefault(x, set()).add(y)
                        table.setdefault(y, set()).add(x)
        return table

    def score(self, profile_id: Hashable, candidate_id: Hashable) -> Suggestion:
        """How `candidate_id` suits `profile_id`, with every factor; ids must be known."""
        score, _ = self._pair(self._prepared[profile_id], self._prepared[candidate_id], explain=False)
        return self._suggestion(profile_id, candidate_id, score)

    def _suggestion(self, profile_id: Hashable, candidate_id: Hashable, score: int) -> Suggestion:
        return Suggestion(profile_id, candidate_id, score, partial(self._factors, profile_id, candidate_id))

    def _factors(self, profile_id: Hashable, candidate_id: Hashable) -> tuple[Factor, ...]:
        return tuple(self._pair(self._prepared[profile_id], self._prepared[candidate_id])[1])

    def suggest(
        self,
        profile_id: Hashable,
        among: Iterable[Hashable] | None = None,
        *,
        limit: int | None = None,
        min_score: int = 0,
    ) -> list[Suggestion]:
        """The counterparts of `profile_id` (all other profiles, or those `among`), best first."""
        subject = self._prepared[profile_id]
        others = [other for other in (self.profiles if among is None else among) if other != profile_id]
        scores = [(self._pair(subject, self._prepared[other], explain=False)[0], other) for other in others]
        return [self._suggestion(profile_id, other, score) for score, other in _ranked(scores, limit, min_score)]

    def suggest_all(self, *, limit: int | None = None, min_score: int = 0) -> dict[Hashable, list[Suggestion]]:
        """Every profile's counterparts, best first; each pair is scored once."""
        ids = list(self.profiles)
        scores: dict[Hashable, list[tuple[int, Hashable]]] = {pid: [] for pid in ids}
        for i, a in enumerate(ids):
            prepared = self._prepared[a]
            for b in ids[i + 1 :]:
                score = self._pair(prepared, self._prepared[b], explain=False)[0]
                scores[a].append((score, b))
                scores[b].append((score, a))
        return {
            a: [self._suggestion(a, b, score) for score, b in _ranked(found, limit, min_score)]
            for a, found in scores.items()
        }

    def _pair(self, a: _Prepared, b: _Prepared, explain: bool = True) -> tuple[int, list[Factor]]:
        """The score of a and b and its factors, from a's side; terms only if `explain`."""
        s = self.settings
        factors: list[Factor] = []
        directions = [
            (a, b, _direction(a.offers, b.seeks, s.seek_share)),
            (b, a, _direction(b.offers, a.seeks, s.seek_share)),
        ]
        if directions[1][2][0] > directions[0][2][0]:
            directions.reverse()
        for (source, target, (value, share, shared)), points in zip(
            directions, (s.best_direction_points, s.other_direction_points)
        ):
            if shared:
                factors.append(
                    Factor(
                        FactorKind.OFFERS_MEET_SEEKS,
                        round(points * value),
                        _term_matches(source.offers, target.seeks, shared) if explain else (),
                        source=source.profile.id,
                        target=target.profile.id,
                        share=share,
                    )
                )
        if a.sectors and b.sectors:
            factors.extend(self._sector_factors(a, b, explain))
        shared = a.interests.entries.keys() & b.interests.entries.keys()
        if shared:
            value = sum(a.interests.entries[k][0] + b.interests.entries[k][0] for k in shared) / (
                a.interests.total + b.interests.total
            )
            terms = _term_matches(a.interests, b.interests, shared) if explain else ()
            factors.append(Factor(FactorKind.SHARED_INTERESTS, round(s.interest_points * value), terms))
        history = self._history.get(frozenset((a.profile.id, b.profile.id))) if self._history else None
        if history and history.partners:
            factors.append(Factor(FactorKind.ALREADY_PARTNERS, s.partners_points))
        if history and history.already_met:
            factors.append(Factor(FactorKind.ALREADY_MET, s.already_met_points))
        if history and history.declined:
            factors.append(Factor(FactorKind.DECLINED_BEFORE, s.declined_points))
        if self._same_side(a.profile, b.profile):
            factors.append(Factor(FactorKind.SAME_SIDE, s.same_side_points))
        return max(0, min(100, sum(f.points for f in factors))), factors

    def _sector_factors(self, a: _Prepared, b: _Prepared, explain: bool) -> list[Factor]:
        s = self.settings
        shared = a.sectors.keys() & b.sectors.keys()
        complementary = [
            (x, y) for x in a.sectors if x not in b.sectors for y in self._complements.get(x, ()) if y in b.sectors
        ]
        factors = []
        room = s.sector_points_cap
        if shared:
            points = min(room, s.shared_sector_points * len(shared))
            room -= points
            terms = ()
            if explain:
                terms = tuple(
                    TermMatch(key, _sector_label(key, a.sectors[key]), a.sectors[key], b.sectors[key])
                    for key in sorted(shared)
                )
            factors.append(Factor(FactorKind.SHARED_SECTORS, points, terms))
        if complementary:
            points = min(room, s.complementary_sector_points * len(complementary))
            terms = ()
            if explain:
                terms = tuple(
                    TermMatch(
                        f"{x}|{y}",
                        f"{_sector_label(x, a.sectors[x])} ↔ {_sector_label(y, b.sectors[y])}",
                        a.sectors[x],
                        b.sectors[y],
                    )
                    for x, y in sorted(complementary)
                )
            factors.append(Factor(FactorKind.COMPLEMENTARY_SECTORS, points, terms))
        return factors

    def _same_side(self, a: Profile, b: Profile) -> bool:
        if a.side is None or b.side is None or a.side != b.side:
            return False
        return not (self.allow_same_side or a.same_side_ok or b.same_side_ok)


def _field(terms: Iterable[Term], weights: Mapping[str, float]) -> _Field:
    multipliers: dict[str, float] = {}
    surfaces: dict[str, dict[str, None]] = {}
    for term in terms:
        multipliers[term.key] = max(multipliers.get(term.key, 0.0), term.weight)
        surfaces.setdefault(term.key, {})[term.surface] = None
    entries = {key: (weights[key] * m, tuple(surfaces[key])) for key, m in multipliers.items()}
    return _Field(entries, sum(w for w, _ in entries.values()))


def _sectors(names: Iterable[str]) -> dict[str, tuple[str, ...]]:
    keyed: dict[str, list[str]] = {}
    for name in sorted(names):
        for key in sector_keys(name):
            keyed.setdefault(key, []).append(name)
    return {key: tuple(found) for key, found in keyed.items()}


def _sector_label(key: str, names: tuple[str, ...]) -> str:
    return concept_label(key[len(CONCEPT) :]) if key.startswith(CONCEPT) else names[0]


def _label(key: str, *surfaces: tuple[str, ...]) -> str:
    if key.startswith(CONCEPT):
        return concept_label(key[len(CONCEPT) :])
    return min((w for words in surfaces for w in words), key=lambda w: (len(w), w))


def _term_matches(left: _Field, right: _Field, keys: Iterable[str]) -> tuple[TermMatch, ...]:
    """The shared terms, weightiest first, each with both profiles' words."""
    ordered = sorted(keys, key=lambda k: (-right.entries[k][0] - left.entries[k][0], k))
    return tuple(
        TermMatch(
            key,
            _label(key, left.entries[key][1], right.entries[key][1]),
            left.entries[key][1],
            right.entries[key][1],
            key[len(CONCEPT) :] if key.startswith(CONCEPT) else None,
        )
        for key in ordered
    )


def _direction(offers: _Field, seeks: _Field, seek_share: float) -> tuple[float, float, set[str]]:
    """How well `offers` meet `seeks`: (value 0..1, share of the seeks covered, shared keys)."""
    if not offers.total or not seeks.total:
        return 0.0, 0.0, set()
    shared = offers.entries.keys() & seeks.entries.keys()
    if not shared:
        return 0.0, 0.0, shared
    covered = sum(seeks.entries[k][0] for k in shared) / seeks.total
    asked_for = sum(offers.entries[k][0] for k in shared) / offers.total
    return seek_share * covered + (1 - seek_share) * asked_for, covered, shared


def _ranked(scores: list[tuple[int, Hashable]], limit: int | None, min_score: int) -> list[tuple[int, Hashable]]:
    """(score, id) pairs at or above `min_score`, best score first, then by id."""
    kept = sorted((pair for pair in scores if pair[0] >= min_score), key=lambda pair: (-pair[0], pair[1]))
    return kept if limit is None else kept[:limit]


def suggest(
    profile: Profile,
    candidates: Iterable[Profile],
    *,
    history: Mapping | None = None,
    limit: int | None = None,
    min_score: int = 0,
    allow_same_side: bool = False,
    settings: MatchSettings = DEFAULT_SETTINGS,
) -> list[Suggestion]:
    """`candidates` ranked for `profile`, best first (score, then id); rarity is weighed
    among the profile and its candidates. A candidate with the profile's id is skipped."""
    others = [c for c in candidates if c.id != profile.id]
    matcher = Matcher([profile, *others], history=history, allow_same_side=allow_same_side, settings=settings)
    return matcher.suggest(profile.id, limit=limit, min_score=min_score)


def suggest_all(
    profiles: Iterable[Profile],
    *,
    history: Mapping | None = None,
    limit: int | None = None,
    min_score: int = 0,
    allow_same_side: bool = False,
    settings: MatchSettings = DEFAULT_SETTINGS,
) -> dict[Hashable, list[Suggestion]]:
    """For every profile, the others ranked best first (score, then id)."""
    matcher = Matcher(profiles, history=history, allow_same_side=allow_same_side, settings=settings)
    return matcher.suggest_all(limit=limit, min_score=min_score)


def score_pair(
    profile: Profile,
    candidate: Profile,
    *,
    context: Iterable[Profile] = (),
    history: Mapping | None = None,
    allow_same_side: bool = False,
    settings: MatchSettings = DEFAULT_SETTINGS,
) -> Suggestion:
    """One pair explained (say, for a meeting someone asked for); rarity is weighed among
    the two and any `context` profiles (the rest of the fair)."""
    others = [p for p in context if p.id not in (profile.id, candidate.id)]
    matcher = Matcher(
        [profile, candidate, *others], history=history, allow_same_side=allow_same_side, settings=settings
    )
    return matcher.score(profile.id, candidate.id)
