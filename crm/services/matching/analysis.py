"""Profile text as weighted terms: lexicon concepts, stemmed words and Chinese bigrams.

`analyse("Wir suchen Laserschneidanlagen")` gives the concepts laser, cutting and
equipment, each carrying the words that named it, so that explanations can quote them.

- Chinese has no spaces: lexicon terms are found by longest match ("激光切割设备" is
  激光 + 切割 + 设备), stop words are cut out, and what is left becomes character
  bigrams (a lone character stays a unigram).
- Latin-script words are folded (case, accents, ä/ae/a alike, ß=ss), phrases of the
  lexicon are found first ("joint venture", "Forschung und Entwicklung"), then stop
  words go, plural and case endings are stripped, and German and Finnish compounds are
  split against the lexicon ("Faserlaser" -> laser). Long words a letter away from a
  lexicon term count as that term ("Halbleter" -> semiconductor).
- Finnish case endings are stripped when the profile says it is Finnish or looks so.

No dictionary beyond the lexicon and no model: cheap, deterministic, cached.
"""
import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process

from crm.services.matching import lexicon
from crm.services.normalise import fold_word

CONCEPT, WORD, CHINESE = "c:", "w:", "z:"

# How much each kind of term counts before it is weighted by rarity.
CONCEPT_WEIGHT = 1.0
BROAD_CONCEPT_WEIGHT = 0.5  # lexicon.BROAD_CONCEPTS
WORD_WEIGHT = 0.8
RESIDUE_WEIGHT = 0.4  # a compound of which only a part is known: "Faserlaser" beside laser
PART_WEIGHT = 0.5  # a part of a compound found as a word elsewhere: "Blech" in "Blechbearbeitung"
BIGRAM_WEIGHT = 0.5
UNIGRAM_WEIGHT = 0.3

LANGUAGES = ("en", "de", "zh", "fi")
SHORTEST_PART = 5  # compound parts from five letters, unless the lexicon marks a term with "*"
FUZZY_CUTOFF = 90  # rapidfuzz ratio: one letter off in a ten-letter word
FUZZY_SHORTEST = 8

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAS_CJK = re.compile(f"[{_CJK}]")
_TOKEN = re.compile(rf"(?P<cjk>[{_CJK}]+)|(?P<num>\d+(?:[.,]\d+)+)|(?P<word>[^\W_{_CJK}]+)")
_PHRASE_BREAK = re.compile(r"[,;:.!?()\[\]{}<>\"/|\n\r\t、，。；：！？（）【】《》「」]")
# Endings left over once a compound's last part is known: "Laser|anlag|en".
_INFLECTIONS = frozenset("e en n s es er ern ens a t ssa sta lla lle ja ita ista".split())
# Joints between compound parts: "Vertrieb|s|partner", "Sonne|n|energie".
_LINKS = ("s", "es", "n", "en", "e")

# (ending, replacement, shortest stem) tried in order, at most twice per word.
_SUFFIXES = (
    ("ies", "y", 3),
    ("ischer", "isch", 3),
    ("licher", "lich", 3),
    ("iger", "ig", 3),
    ("ing", "", 4),
    ("ed", "", 4),
    ("es", "", 4),
    ("en", "", 4),
    ("e", "", 4),
    ("s", "", 4),
)
_KEEP_S = ("ss", "us", "is", "ys")
# Words whose stem would meet another word's: "machining" is not "machines".
_UNSTEMMED = frozenset({"machining"})
_FINNISH_SUFFIXES = tuple(
    "iden itten ista ssa sta lla lta lle ksi jen ien ita ja ia ta na t n a".split()
)
_FINNISH_HINTS = frozenset(
    "ja ovat sekä seka myös myos etsimme tarjoamme yhteistyö yhteistyo kanssa yritys".split()
)
_GERMAN_HINTS = frozenset("und der die das wir für fur mit unsere".split())


@dataclass(frozen=True)
class Term:
    """One thing a text talks about: `key` to compare, `surface` to show, `weight` to count."""

    key: str  # "c:laser" (a lexicon concept), "w:blechbearbeitung" (a word), "z:茶叶" (Chinese)
    surface: str
    weight: float

    @property
    def concept(self) -> str | None:
        return self.key[len(CONCEPT) :] if self.key.startswith(CONCEPT) else None


def stem(word: str) -> str:
    """Light, language-blind stemming of a folded word: plural and case endings go.

    The same function runs over the lexicon, so it only has to be consistent:
    'batteries' and 'battery', 'Anlagen' and 'Anlage', 'cutting' and 'cut' agree.
    """
    if word in _UNSTEMMED:
        return word
    for _ in range(2):
        shorter = _strip_ending(word)
        if shorter == word:
            break
        word = shorter
    return word


def _strip_ending(word: str) -> str:
    if len(word) <= 4 or not word.isalpha():
        return word
    for ending, replacement, shortest in _SUFFIXES:
        if not word.endswith(ending):
            continue
        base = word[: -len(ending)]
        if len(base) < shortest:
            continue
        if ending == "s" and word.endswith(_KEEP_S):
            return word
        if ending in ("ing", "ed") and base[-1] == base[-2] and base[-1] not in "lsz":
            base = base[:-1]  # cutting -> cut, embedded -> embed
        return base + replacement
    return word


def stem_finnish(word: str) -> str:
    """Strip one Finnish case or plural ending: 'akkujen' -> 'akku', 'Suomessa' -> 'suome'."""
    if len(word) <= 5:
        return word
    for ending in _FINNISH_SUFFIXES:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def _latin_words(text: str) -> list[str]:
    return [fold_word(m.group()) for m in _TOKEN.finditer(text) if m.lastgroup != "cjk"]


def _lower_keeping_length(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


@dataclass
class _Lexicon:
    """The lexicon compiled for lookups; built once at import."""

    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    words: dict[str, str] = field(default_factory=dict)  # folded or stemmed word -> concept
    parts: dict[str, str] = field(default_factory=dict)  # compound part -> concept ("" if generic)
    phrases: dict[tuple[str, ...], str] = field(default_factory=dict)
    acronyms: dict[str, str] = field(default_factory=dict)
    chinese_terms: dict[str, str | None] = field(default_factory=dict)  # None: a stop word
    stop: set[str] = field(default_factory=set)
    ambiguous: dict[str, set[str]] = field(default_factory=dict)
    chinese: re.Pattern | None = None
    longest_phrase: int = 1
    longest_part: int = 1
    fuzzy_choices: list[str] = field(default_factory=list)

    def claim(self, table: dict, key, concept: str) -> None:
        known = table.setdefault(key, concept)
        if known != concept:
            self.ambiguous.setdefault(str(key), {known}).add(concept)

    def add(self, concept: str, raw: str) -> None:
        exact_only, may_be_part = raw.endswith("="), raw.endswith("*")
        term = raw.rstrip("=*").strip()
        if _HAS_CJK.search(term):
            self.claim(self.chinese_terms, _lower_keeping_length(unicodedata.normalize("NFKC", term)), concept)
        elif term.isalnum() and term.isupper() and not any(c.isdigit() for c in term):
            self.claim(self.acronyms, term, concept)
        else:
            words = _latin_words(term)
            keys = tuple(stem(w) for w in words)
            if len(keys) > 1:
                self.claim(self.phrases, keys, concept)
            elif keys:
                for key in {words[0], keys[0]}:
                    self.claim(self.words, key, concept)
                    if not exact_only and (may_be_part or len(key) >= SHORTEST_PART):
                        self.claim(self.parts, key, concept)


def _compile() -> _Lexicon:
    lex = _Lexicon()
    for line in lexicon.CONCEPT_TABLE.strip().splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        concept, *columns = (cell.strip() for cell in line.split("|"))
        if len(columns) != len(LANGUAGES):
            raise ValueError(f"lexicon line for {concept!r} needs {len(LANGUAGES)} languages")
        lex.labels[concept] = {}
        for language, column in zip(LANGUAGES, columns):
            terms = [t.strip() for t in column.split(",") if t.strip()]
            if terms:
                lex.labels[concept][language] = terms[0].rstrip("=*")
            for term in terms:
                lex.add(concept, term)
    for word in lexicon.GENERIC_PARTS.split():
        for key in {fold_word(word), stem(fold_word(word))}:
            lex.parts.setdefault(key, "")
    for word in lexicon.STOP_WORDS.split():
        lex.stop.update({fold_word(word), stem(fold_word(word))})
    for word in lexicon.CHINESE_STOP_WORDS.split():
        lex.chinese_terms.setdefault(word, None)
    alternatives = sorted(lex.chinese_terms, key=lambda t: (-len(t), t))
    lex.chinese = re.compile("|".join(map(re.escape, alternatives)))
    lex.longest_phrase = max(map(len, lex.phrases), default=1)
    lex.longest_part = max(map(len, lex.parts), default=1)
    lex.fuzzy_choices = sorted(w for w in lex.words if len(w) >= FUZZY_SHORTEST)
    return lex


LEXICON = _compile()


def concept_label(concept: str, language: str = "en") -> str:
    """The concept's name in `language` ('en', 'de', 'zh', 'fi'), else in English."""
    labels = LEXICON.labels.get(concept, {})
    return labels.get(language) or labels.get("en") or concept


def analyse(text: str | None, language: str | None = None) -> tuple[Term, ...]:
    """The terms of a profile text, in the order they occur."""
    if not text or not text.strip():
        return ()
    return _analyse(text, (language or "").strip().lower()[:2] or None)


@dataclass(frozen=True)
class _Token:
    surface: str
    start: int
    end: int
    key: str


@lru_cache(maxsize=8192)
def _analyse(text: str, language: str | None) -> tuple[Term, ...]:
    shown = unicodedata.normalize("NFKC", text)
    lowered = _lower_keeping_length(shown)
    terms: list[Term] = []
    # Chinese lexicon terms and stop words first; their places become phrase breaks.
    working = list(lowered)
    for match in LEXICON.chinese.finditer(lowered):
        concept = LEXICON.chinese_terms[match.group()]
        if concept:
            terms.append(_concept(concept, shown[match.start() : match.end()]))
        working[match.start() : match.end()] = "\n" * (match.end() - match.start())
    working = "".join(working)
    finnish = language == "fi" or (language is None and _looks_finnish(working))

    run: list[_Token] = []
    last_end = 0
    for match in _TOKEN.finditer(working):
        if match.lastgroup == "cjk":
            terms.extend(_latin_terms(run, shown, finnish))
            run = []
            terms.extend(_grams(shown[match.start() : match.end()]))
        else:
            if run and _PHRASE_BREAK.search(working, last_end, match.start()):
                terms.extend(_latin_terms(run, shown, finnish))
                run = []
            surface = shown[match.start() : match.end()]
            run.append(_Token(surface, match.start(), match.end(), stem(fold_word(surface))))
        last_end = match.end()
    terms.extend(_latin_terms(run, shown, finnish))
    return tuple(terms)


def _looks_finnish(text: str) -> bool:
    words = re.findall(r"\w+", text)
    if any(w in _GERMAN_HINTS for w in words):
        return False
    hints = sum(w in _FINNISH_HINTS or w.endswith(("ssa", "ssä", "llä", "lla", "sta", "stä")) for w in words)
    return hints >= 2


def _concept(concept: str, surface: str) -> Term:
    weight = BROAD_CONCEPT_WEIGHT if concept in lexicon.BROAD_CONCEPTS else CONCEPT_WEIGHT
    return Term(CONCEPT + concept, surface, weight)


def _grams(segment: str) -> list[Term]:
    if len(segment) == 1:
        return [Term(CHINESE + segment, segment, UNIGRAM_WEIGHT)]
    return [Term(CHINESE + segment[i : i + 2], segment[i : i + 2], BIGRAM_WEIGHT) for i in range(len(segment) - 1)]


def _latin_terms(tokens: list[_Token], shown: str, finnish: bool) -> list[Term]:
    terms: list[Term] = []
    i = 0
    while i < len(tokens):
        for n in range(min(LEXICON.longest_phrase, len(tokens) - i), 1, -1):
            concept = LEXICON.phrases.get(tuple(t.key for t in tokens[i : i + n]))
            if concept:
                surface = shown[tokens[i].start : tokens[i + n - 1].end]
                terms.append(_concept(concept, surface))
                i += n
                break
        else:
            terms.extend(_word_terms(tokens[i].surface, finnish))
            i += 1
    return terms


@lru_cache(maxsize=65536)
def _word_terms(surface: str, finnish: bool) -> tuple[Term, ...]:
    concept = LEXICON.acronyms.get(surface)
    if concept:
        return (_concept(concept, surface),)
    folded = fold_word(surface)
    if len(folded) < 2 or not any(c.isalpha() for c in folded):
        return ()
    key = stem(folded)
    word_key = stem_finnish(folded) if finnish else key
    for candidate in (folded, key, word_key):
        concept = LEXICON.words.get(candidate)
        if concept:
            return (_concept(concept, surface),)
    if folded in LEXICON.stop or key in LEXICON.stop:
        return ()
    concepts, complete = split_compound(folded)
    if not concepts and len(key) >= FUZZY_SHORTEST:
        near = process.extractOne(key, LEXICON.fuzzy_choices, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        if near:
            return (_concept(LEXICON.words[near[0]], surface),)
    terms = [_concept(c, surface) for c in dict.fromkeys(concepts)]
    if not complete:
        terms.append(Term(WORD + word_key, surface, RESIDUE_WEIGHT if concepts else WORD_WEIGHT))
    return tuple(terms)


def split_compound(word: str) -> tuple[list[str], bool]:
    """The concepts a folded compound is made of, and whether they cover all of it.

    'laserschneidanlagen' -> ([laser, cutting, equipment], True);
    'faserlaser' -> ([laser], False): an unknown first part, a known last one;
    'cancellation' -> ([], False): a known part ('cell') inside unknown ones does not count.
    """
    if len(word) < SHORTEST_PART + 2:
        return [], False
    memo: dict = {}
    whole = _segment(word, 0, False, memo)
    if whole and any(whole):
        return [c for c in whole if c], True
    for start in range(3, len(word) - 3):  # an unknown modifier, a known head
        tail = _segment(word, start, False, memo)
        if tail and any(tail):
            return [c for c in tail if c], False
    return _known_prefix(word), False


def _segment(word: str, pos: int, after_part: bool, memo: dict) -> list[str] | None:
    """Concepts covering word[pos:] with known parts, or None if it cannot be covered."""
    if pos == len(word):
        return []
    rest = word[pos:]
    if after_part:
        if rest in _INFLECTIONS:
            return []
        if len(rest) >= 3:
            for candidate in (rest, stem(rest)):
                if candidate in LEXICON.words:
                    return [LEXICON.words[candidate]]
                if candidate in LEXICON.parts:
                    return [LEXICON.parts[candidate]]
    if (pos, after_part) in memo:
        return memo[(pos, after_part)]
    found = None
    for end in range(min(len(word), pos + LEXICON.longest_part), pos + 2, -1):
        concept = LEXICON.parts.get(word[pos:end])
        if concept is None:
            continue
        after = _segment(word, end, True, memo)
        for link in _LINKS:
            if after is not None:
                break
            if word.startswith(link, end) and end + len(link) < len(word):
                after = _segment(word, end + len(link), True, memo)
        if after is not None:
            found = [concept, *after]
            break
    memo[(pos, after_part)] = found
    return found


def _known_prefix(word: str) -> list[str]:
    """Known parts at the start of a word whose end is unknown: 'laserleikkauslaitteita'."""
    concepts: list[str] = []
    pos = 0
    while pos < len(word) - 2:
        for end in range(min(len(word), pos + LEXICON.longest_part), pos + 2, -1):
            concept = LEXICON.parts.get(word[pos:end])
            if concept is not None:
                concepts.append(concept)
                pos = end
                break
        else:
            link = next((k for k in _LINKS if pos and word.startswith(k, pos)), None)
            if not link:
                break
            pos += len(link)
    return [c for c in concepts if c]


def compound_parts(vocabulary: set[str]) -> dict[str, list[str]]:
    """Words of the vocabulary that are made of other words in it (5 letters up):
    {'blechbearbeitung': ['blech', 'bearbeitung']} when 'blech' and 'bearbeitung' occur."""
    parts: dict[str, list[str]] = {}
    for word in vocabulary:
        if len(word) < 2 * SHORTEST_PART:
            continue
        found = [
            piece
            for i in range(SHORTEST_PART, len(word) - SHORTEST_PART + 1)
            for piece in (word[:i], word[i:])
            if piece in vocabulary
        ]
        if found:
            parts[word] = sorted(set(found))
    return parts


def idf(document_frequency: int, documents: int) -> float:
    """Rarity weight: 1 for a term every profile has, more the rarer it is."""
    return 1.0 + math.log((documents + 1) / (document_frequency + 1))
