"""Probable duplicates among companies: normalised names, fuzzy names and shared domains.

A pair is a probable duplicate when

- the names are the same after normalisation: case, accents, umlauts (ü = ue = u),
  ß = ss, punctuation and legal forms (GmbH, AG, Oy, Co., Ltd., 有限公司, 集团 = Group ...)
  do not count;
- or the names are similar (rapidfuzz), *and* every word of at least one of them has
  a counterpart in the other (the same word, a typo of it, or an abbreviation such as
  "Tech" for "Technology"). Names that each have a word the other lacks differ in a
  distinctive word: "Dresden Chip Design" and "Dresden Chip Packaging" are two firms,
  however similar the letters;
- or they share a website domain or an e-mail domain, unless it is a free-mail or
  hosting domain (gmail.com, qq.com, web.de, linkedin.com ...).

Every match carries a score from 0 to 1 and the reasons in words. Pure Python and
rapidfuzz; no database. Candidates are found with `rapidfuzz.process.cdist` over names
of similar length and with dictionaries of domains, so 10,000 rows against 20,000
companies take seconds, not the hours of comparing every pair in Python.
"""
import re
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import chain
from urllib.parse import urlsplit

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from crm.services.normalise import match_key

# A fuzzy name match counts from this score.
NAME_THRESHOLD = 0.85
# Two words are the same word with a typo when both have this many letters, begin alike
# and differ by one edit (a letter more, less, changed, or two swapped): "Desing", "Design".
WORD_TYPO_MIN_LENGTH = 5
CHINESE_CONTAINED_MIN_LENGTH = 3
SCORE_SAME_REGISTRATION = 1.0  # the strongest signal: one register entry, one company
SCORE_SAME_NAME = 1.0
SCORE_ALL_WORDS_MATCH = 0.9
SCORE_SAME_WEBSITE = 0.9
SCORE_SAME_EMAIL_DOMAIN = 0.8
MAX_MATCHES_PER_RECORD = 5
# A domain used by more companies than this is a shared host, not evidence.
MAX_DOMAIN_HOLDERS = 10
_CHUNK = 1000

# Legal forms and filler words, dropped before comparing (as `match_key` spells them).
_LEGAL_FORMS = """
gmbh mbh ggmbh ag kg kgaa ohg gbr ug ek ev eg se haftungsbeschrankt gesellschaft gruppe
co cie corp corporation company companies inc incorporated llc llp lp ltd limited plc pte pty pvt
oy oyj ab tmi ky ry as asa aps bv nv sa sarl sas srl spa sro kft zrt
group holding holdings
und and the der die das
"""
NOISE_WORDS = frozenset(match_key(word) for word in _LEGAL_FORMS.split())
# Abbreviations and variants written out, so "Laser Tech" is "Laser Technology".
_ABBREVIATIONS = {
    "technology": "tech techn techno technologies technologie technologien technik tek",
    "international": "intl internat",
    "manufacturing": "mfg manuf",
    "engineering": "eng engg",
    "services": "svc svcs service",
    "management": "mgmt",
    "development": "dev",
    "equipment": "equip",
    "chemical": "chem chemicals",
    "pharmaceutical": "pharm pharma pharmaceuticals",
    "medical": "med",
    "industry": "ind industries",
    "institute": "inst institut",
    "university": "univ universitat",
    "association": "assoc",
}
ABBREVIATIONS = {
    match_key(short): match_key(full) for full, shorts in _ABBREVIATIONS.items() for short in shorts.split()
}
# Chinese legal forms, longest first; stripped from the end of a name, repeatedly.
CHINESE_LEGAL_FORMS = ("股份有限公司", "有限责任公司", "有限公司", "集团", "公司", "控股")

# Domains shared by unrelated firms: free mail, and sites that host many firms' pages.
FREE_MAIL_DOMAINS = frozenset(
    """
    gmail.com googlemail.com outlook.com outlook.de hotmail.com hotmail.de hotmail.co.uk live.com live.de
    msn.com yahoo.com yahoo.de yahoo.co.uk yahoo.com.cn ymail.com aol.com aol.de icloud.com me.com mac.com
    proton.me protonmail.com gmx.de gmx.net gmx.at gmx.ch gmx.com web.de t-online.de freenet.de arcor.de
    mail.de posteo.de mailbox.org email.de online.de vodafone.de 1und1.de ionos.de
    qq.com vip.qq.com foxmail.com 163.com vip.163.com 126.com yeah.net sina.com sina.cn sohu.com
    aliyun.com 139.com 189.cn 21cn.com tom.com
    suomi24.fi luukku.com kolumbus.fi elisanet.fi saunalahti.fi pp.inet.fi
    mail.com mail.ru yandex.ru yandex.com zoho.com gmx.fr orange.fr free.fr
    linkedin.com xing.com facebook.com instagram.com twitter.com x.com weibo.com wechat.com weixin.qq.com
    alibaba.com 1688.com made-in-china.com taobao.com jd.com tmall.com
    wixsite.com wix.com weebly.com wordpress.com blogspot.com github.io google.com sites.google.com
    """.split()
)
# Second-level labels under which registrations sit: example.co.uk, example.com.cn.
_SECOND_LEVEL = frozenset("co com net org gov edu ac or ne go".split())

_DOTTED_ABBREVIATION = re.compile(r"\b(?:\w\.){2,}(?!\w)")
_DIGIT = re.compile(r"\d")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True)
class Reason:
    """Why two records look alike: a kind and a detail (a percentage or a domain).

    `str()` gives the English sentence; pages translate by `kind`."""

    kind: str
    detail: str = ""

    def __str__(self) -> str:
        return REASON_TEXTS[self.kind].format(detail=self.detail)


SAME_REGISTRATION = "same_registration"
SAME_NAME, SIMILAR_NAME = "same_name", "similar_name"
SAME_WEBSITE, SAME_EMAIL_DOMAIN, SAME_DOMAIN = "same_website", "same_email_domain", "same_domain"
REASON_TEXTS = {
    SAME_REGISTRATION: "same registration number {detail}",
    SAME_NAME: "same name after normalisation",
    SIMILAR_NAME: "similar name ({detail}%)",
    SAME_WEBSITE: "same website domain {detail}",
    SAME_EMAIL_DOMAIN: "same e-mail domain {detail}",
    SAME_DOMAIN: "same domain {detail} (website of one, e-mail of the other)",
}


# --- names ---------------------------------------------------------------


def name_words(name: str | None) -> tuple[str, ...]:
    """The words of a company name that tell it apart, sorted.

    'Müller-Tech GmbH & Co. KG' -> ('muller', 'technology'); '济南激光科技有限公司' ->
    ('济南激光科技',): Chinese has no spaces, so a Chinese name is one word.
    A name made of legal forms only keeps them, so 'AG' is still 'ag'.
    """
    if not name:
        return ()
    undotted = _DOTTED_ABBREVIATION.sub(lambda m: m.group(0).replace(".", ""), name)  # "S.A." -> "SA"
    words = [ABBREVIATIONS.get(word, word) for word in match_key(undotted).split()]
    kept = [w for w in words if w not in NOISE_WORDS and w not in CHINESE_LEGAL_FORMS] or words
    return tuple(sorted(_strip_chinese_legal_form(w) if _CJK.search(w) else w for w in kept))


def _strip_chinese_legal_form(word: str) -> str:
    stripped = True
    while stripped:
        stripped = False
        for suffix in CHINESE_LEGAL_FORMS:
            if word.endswith(suffix) and len(word) > len(suffix):
                word = word[: -len(suffix)]
                stripped = True
    return word


def normalise_name(name: str | None) -> str:
    """The comparison key of a name: its distinctive words, sorted, joined by spaces."""
    return " ".join(name_words(name))


@lru_cache(maxsize=100_000)
def _words_correspond(a: str, b: str) -> bool:
    """The same word, a typo of it, or a Chinese name within the other; numbers must be equal."""
    if a == b:
        return True
    if _DIGIT.search(a) or _DIGIT.search(b):
        return False  # "Laser 1" and "Laser 2", "nr123" and "nr124" differ
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    if _CJK.match(shorter):
        # "华夏激光" in "济南华夏激光": the city left out. One character more or less is
        # another firm in Chinese, so there are no typos here.
        return len(shorter) >= CHINESE_CONTAINED_MIN_LENGTH and shorter in longer
    if len(shorter) < WORD_TYPO_MIN_LENGTH or a[0] != b[0]:
        return False
    return OSA.distance(a, b, score_cutoff=1) <= 1


def _unmatched(own: Iterable[str], others: Iterable[str]) -> list[str]:
    """Words of one name (not in the other) without a counterpart among the other's own words."""
    missing = []
    for word in own:
        for other in others:
            if _words_correspond(word, other):
                break
        else:
            missing.append(word)
    return missing


def _chinese_parts(word: str) -> set[str]:
    """Every piece of a Chinese word of three characters or more (the word itself too)."""
    size = len(word)
    return {word[i:j] for i in range(size) for j in range(i + CHINESE_CONTAINED_MIN_LENGTH, size + 1)}


def comparison_text(words: Sequence[str]) -> str:
    """Sorted words as one string, for rapidfuzz."""
    return " ".join(words)


def name_similarity(a: Sequence[str], b: Sequence[str]) -> tuple[float, Reason | None]:
    """Score two names given as `name_words`, with the reason, or (0, None).

    Same words: 1.0. Otherwise the rapidfuzz ratio of the sorted words, but only when
    one name has no word without a counterpart in the other: two names that each have
    a distinctive word of their own ("design" / "packaging") are different firms.
    When every word on both sides has a counterpart the score is at least 0.9.
    """
    if not a or not b:
        return 0.0, None
    if a == b or "".join(a) == "".join(b):  # also "Chip Design" = "ChipDesign"
        return SCORE_SAME_NAME, Reason(SAME_NAME)
    own_a, own_b = set(a).difference(b), set(b).difference(a)
    only_a = _unmatched(own_a, own_b)
    only_b = _unmatched(own_b, own_a) if own_a else own_b
    if only_a and only_b:
        return 0.0, None
    score = fuzz.ratio(comparison_text(a), comparison_text(b)) / 100
    if not only_a and not only_b:
        score = max(score, SCORE_ALL_WORDS_MATCH)
    score = min(score, 0.99)
    if score < NAME_THRESHOLD:
        return 0.0, None
    return score, Reason(SIMILAR_NAME, str(round(score * 100)))


# --- domains -------------------------------------------------------------


def registered_domain(host: str | None) -> str | None:
    """'www.shop.example.de' -> 'example.de'; 'mail.example.com.cn' -> 'example.com.cn'."""
    if not host:
        return None
    host = host.strip().lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    labels = [label for label in host.split(".") if label]
    if len(labels) < 2:
        return None
    if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def website_domain(url: str | None) -> str | None:
    """The registered domain of a website, with or without https://."""
    if not url or not url.strip():
        return None
    url = url.strip()
    if "://" not in url:
        url = "https://" + url
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return registered_domain(host)


def email_domain(email: str | None) -> str | None:
    if not email or "@" not in email:
        return None
    return registered_domain(email.rsplit("@", 1)[1])


def is_free_domain(domain: str | None) -> bool:
    """Free mail and hosting domains: shared by unrelated firms, so never evidence."""
    if not domain:
        return True
    labels = domain.split(".")
    return any(".".join(labels[i:]) in FREE_MAIL_DOMAINS for i in range(len(labels) - 1))


# --- records and matches -------------------------------------------------


@dataclass(frozen=True)
class Record:
    """What dedupe compares of a company or an import row; `key` is its id or row number."""

    key: Hashable
    name: str | None
    name_local: str | None = None
    website: str | None = None
    emails: tuple[str | None, ...] = ()
    label: str | None = None  # shown in reasons; defaults to the name
    alternative_names: tuple[str, ...] = ()  # former names, trade names, abbreviations
    registration: str | None = None  # services.registration.identity_key: equal means the same company

    @cached_property
    def names(self) -> list[tuple[str, ...]]:
        keys = []
        for value in (self.name, self.name_local, *self.alternative_names):
            words = name_words(value)
            if words and words not in keys:
                keys.append(words)
        return keys

    @cached_property
    def chinese_names(self) -> list[tuple[str, ...]]:
        return [words for words in self.names if any(_CJK.match(w) for w in words)]

    @cached_property
    def website_domains(self) -> set[str]:
        domain = website_domain(self.website)
        return {domain} if domain and not is_free_domain(domain) else set()

    @cached_property
    def email_domains(self) -> set[str]:
        domains = {email_domain(e) for e in self.emails}
        return {d for d in domains if d and not is_free_domain(d)}


@dataclass
class Match:
    """`candidate` is probably the same company as `existing` (both are Record keys)."""

    candidate: Hashable
    existing: Hashable
    score: float
    reasons: list[Reason] = field(default_factory=list)

    @property
    def reason(self) -> str:
        return "; ".join(str(reason) for reason in self.reasons)


class _Evidence:
    """Scores from several reasons for one pair, combined as independent evidence."""

    __slots__ = ("parts",)

    def __init__(self):
        self.parts: dict[Reason, float] = {}

    def add(self, reason: Reason, score: float) -> None:
        """Keep the best of each kind of evidence: one name reason, one per domain."""
        if reason.kind in (SAME_NAME, SIMILAR_NAME):
            for other in [r for r in self.parts if r.kind in (SAME_NAME, SIMILAR_NAME)]:
                if self.parts[other] >= score:
                    return
                del self.parts[other]
        elif any(r.detail == reason.detail and self.parts[r] >= score for r in self.parts):
            return
        self.parts[reason] = score

    def only_similar_name(self) -> bool:
        return all(reason.kind == SIMILAR_NAME for reason in self.parts)

    def match(self, candidate, existing) -> Match:
        remaining = 1.0
        for score in self.parts.values():
            remaining *= 1.0 - score
        ordered = sorted(self.parts.items(), key=lambda item: -item[1])
        return Match(candidate, existing, round(min(1.0, 1.0 - remaining), 2), [reason for reason, _ in ordered])


def _chinese_names_differ(a: Record, b: Record) -> bool:
    """Both have a Chinese name and no two of them are alike: "Huaxia" and "Huaxin" may look
    like a typo in pinyin, but 华夏 and 华新 are two firms."""
    chinese_a, chinese_b = a.chinese_names, b.chinese_names
    if not chinese_a or not chinese_b:
        return False
    return not any(name_similarity(x, y)[1] for x in chinese_a for y in chinese_b)


class DuplicateIndex:
    """Existing records, indexed once, to look up many candidates against.

    Comparing every pair would take hours for 10,000 x 20,000, so candidates are blocked
    on words, complete for the rules of `name_similarity`: when every word of name B has
    a counterpart in name A, B's rarest word has one in A. So a query A meets (1) the
    entries whose rarest word is a word of A or a typo of one, and (2) the entries that
    contain A's rarest word or a typo of it. Typos are found once per distinct word, with
    `rapidfuzz.process.cdist` over the words that begin with the same letter."""

    def __init__(self, records: Iterable[Record]):
        self.records = list(records)
        self._words: list[tuple[str, ...]] = []  # per entry (a record has one or two names)
        self._positions: list[int] = []
        for position, record in enumerate(self.records):
            for words in record.names:
                self._words.append(words)
                self._positions.append(position)
        self._frequency: Counter[str] = Counter(w for words in self._words for w in set(words))
        self._postings: dict[str, list[int]] = defaultdict(list)  # word -> entries with it
        self._by_rarest: dict[str, list[int]] = defaultdict(list)  # word -> entries whose rarest word it is
        self._by_joined: dict[str, list[int]] = defaultdict(list)  # "chipdesign" -> entries
        self._chinese_parts: dict[str, list[int]] = defaultdict(list)  # part of a Chinese word -> entries
        for entry, words in enumerate(self._words):
            for word in set(words):
                self._postings[word].append(entry)
                if _CJK.match(word):
                    for part in _chinese_parts(word):
                        self._chinese_parts[part].append(entry)
            self._by_rarest[self._rarest(words)].append(entry)
            self._by_joined["".join(words)].append(entry)
        self._typo_vocabulary: dict[str, list[str]] = defaultdict(list)  # first letter -> words
        for word in self._frequency:
            if len(word) >= WORD_TYPO_MIN_LENGTH and not _CJK.match(word) and not _DIGIT.search(word):
                self._typo_vocabulary[word[0]].append(word)
        # domain -> {record position: (has it as website, has it as e-mail domain)}
        self._domains: dict[str, dict[int, tuple[bool, bool]]] = defaultdict(dict)
        for position, record in enumerate(self.records):
            websites, emails = record.website_domains, record.email_domains
            for domain in websites | emails:
                self._domains[domain][position] = (domain in websites, domain in emails)
        for domain in [d for d, holders in self._domains.items() if len(holders) > MAX_DOMAIN_HOLDERS]:
            del self._domains[domain]  # a shared host: a university, a group's mail server
        self._registrations: dict[str, list[int]] = defaultdict(list)
        for position, record in enumerate(self.records):
            if record.registration:
                self._registrations[record.registration].append(position)

    def _rarest(self, words: Sequence[str]) -> str:
        return min(words, key=lambda w: (self._frequency.get(w, 0), w))

    def _typos(self, words: Iterable[str]) -> dict[str, list[str]]:
        """Each word -> the indexed words that are typos of it (not itself)."""
        by_letter: dict[str, list[str]] = defaultdict(list)
        for word in set(words):
            if len(word) >= WORD_TYPO_MIN_LENGTH and not _CJK.match(word) and not _DIGIT.search(word):
                by_letter[word[0]].append(word)
        found: dict[str, list[str]] = defaultdict(list)
        for letter, queries in by_letter.items():
            vocabulary = self._typo_vocabulary.get(letter)
            if not vocabulary:
                continue
            for start in range(0, len(queries), _CHUNK):
                chunk = queries[start : start + _CHUNK]
                distances = process.cdist(chunk, vocabulary, scorer=OSA.distance, score_cutoff=1,
                                          dtype=np.int32, workers=-1)
                rows, columns = np.nonzero(distances <= 1)
                for row, column in zip(rows.tolist(), columns.tolist()):
                    query, word = chunk[row], vocabulary[column]
                    if query != word and _words_correspond(query, word):
                        found[query].append(word)
        return found

    def _candidates(self, words: tuple[str, ...], typos: dict[str, list[str]]) -> set[int]:
        found: set[int] = set(self._by_joined.get("".join(words), ()))
        for word in words:
            for counterpart in self._counterparts(word, typos):
                found.update(self._by_rarest.get(counterpart, ()))
        # Any word of A will do for (2), as every word of A has a counterpart in B: take
        # the one whose counterparts are in the fewest entries.
        key = min(words, key=lambda w: (sum(len(self._postings.get(c, ())) for c in self._counterparts(w, typos)), w))
        for counterpart in self._counterparts(key, typos):
            found.update(self._postings.get(counterpart, ()))
        if _CJK.match(key):
            found.update(self._chinese_parts.get(key, ()))
        return found

    @staticmethod
    def _counterparts(word: str, typos: dict[str, list[str]]) -> list[str]:
        """The words that may stand for `word` in another name: itself, its typos, and for
        Chinese the pieces of it (the name without the city)."""
        if _CJK.match(word):
            return sorted(_chinese_parts(word))
        return [word, *typos.get(word, ())]

    def _name_pairs(self, queries: Sequence[tuple[tuple[str, ...], int]]):
        """(query position, record position, score, reason) for similar names."""
        typos = self._typos(w for words, _position in queries for w in words)
        for words, position in queries:
            for entry in self._candidates(words, typos):
                score, reason = name_similarity(words, self._words[entry])
                if reason:
                    yield position, self._positions[entry], score, reason

    def _domain_pairs(self, candidates: Sequence[Record]):
        """(candidate position, record position, reason, score) for shared domains."""
        for i, candidate in enumerate(candidates):
            websites, emails = candidate.website_domains, candidate.email_domains
            for domain in websites | emails:
                for position, (as_website, as_email) in self._domains.get(domain, {}).items():
                    if as_website and domain in websites:
                        yield i, position, Reason(SAME_WEBSITE, domain), SCORE_SAME_WEBSITE
                    elif as_email and domain in emails:
                        yield i, position, Reason(SAME_EMAIL_DOMAIN, domain), SCORE_SAME_EMAIL_DOMAIN
                    else:
                        yield i, position, Reason(SAME_DOMAIN, domain), SCORE_SAME_EMAIL_DOMAIN

    def _registration_pairs(self, candidates: Sequence[Record]):
        """(candidate position, record position, reason, score) for equal registration numbers."""
        for i, candidate in enumerate(candidates):
            for position in self._registrations.get(candidate.registration, ()) if candidate.registration else ():
                number = candidate.registration.rsplit(":", 1)[-1]
                yield i, position, Reason(SAME_REGISTRATION, number), SCORE_SAME_REGISTRATION

    def lookup(self, candidates: Sequence[Record]) -> list[Match]:
        """Matches of each candidate against the index, best first, at most five each."""
        evidence: dict[tuple[int, int], _Evidence] = defaultdict(_Evidence)
        queries = [(words, i) for i, candidate in enumerate(candidates) for words in candidate.names]
        for i, position, score, reason in self._name_pairs(queries):
            evidence[(i, position)].add(reason, score)
        for i, position, reason, score in chain(self._domain_pairs(candidates), self._registration_pairs(candidates)):
            evidence[(i, position)].add(reason, score)
        return self._best(evidence, candidates)

    def pairs(self) -> list[Match]:
        """Probable duplicates among the indexed records, each pair once, later -> earlier."""
        evidence: dict[tuple[int, int], _Evidence] = defaultdict(_Evidence)
        queries = list(zip(self._words, self._positions))
        for first, second, score, reason in self._name_pairs(queries):
            if first != second:
                evidence[(max(first, second), min(first, second))].add(reason, score)
        for i, position, reason, score in chain(self._domain_pairs(self.records),
                                                self._registration_pairs(self.records)):
            if position < i:
                evidence[(i, position)].add(reason, score)
        return self._best(evidence, self.records)

    def _best(self, evidence: dict[tuple[int, int], _Evidence], candidates: Sequence[Record]) -> list[Match]:
        by_candidate: dict[int, list[Match]] = defaultdict(list)
        for (i, position), found in evidence.items():
            if found.only_similar_name() and _chinese_names_differ(candidates[i], self.records[position]):
                continue
            by_candidate[i].append(found.match(candidates[i].key, self.records[position].key))
        matches = []
        for i in sorted(by_candidate):
            best = sorted(by_candidate[i], key=lambda m: (-m.score, str(m.existing)))
            matches.extend(best[:MAX_MATCHES_PER_RECORD])
        return matches


def find_duplicates(candidates: Sequence[Record], existing: Iterable[Record]) -> list[Match]:
    """Each candidate's probable duplicates among `existing`, with score and reason."""
    return DuplicateIndex(existing).lookup(candidates)


def find_duplicate_pairs(records: Sequence[Record]) -> list[Match]:
    """Probable duplicates within one list, each pair once (later record -> earlier one)."""
    return DuplicateIndex(records).pairs()
