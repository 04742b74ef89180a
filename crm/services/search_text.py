"""The text the search index holds for a record, and what a typed query looks for in it.

A record's search text is a list of segments, each framed by '| ' and ' |':

    | jinan laser tech | 济南激光科技 | ji nan ji guang ke ji | jinanjiguangkeji
    | 济 南 激 光 科 技 济南 南激 激光 光科 科技 | jinan-laser.com | 53188881234 | 8653188881234 |

- every name in every spelling worth finding: `fold` (Müller -> muller), `fold_german`
  (-> mueller) and the loose form where a written-out umlaut counts as none (Mueller -> muller);
- for Chinese names their pinyin, syllable by syllable and run together, and each Chinese
  character and each pair of neighbouring characters on its own between spaces;
- web hosts and e-mail addresses (the domain is part of them);
- phone numbers as digits: the national number without trunk prefix and, for numbers
  written with a country code, the international digits too.

The index matches trigrams (three characters in a row), so a query word of three or
more characters is found anywhere in the text. Shorter words are looked for with a
space in front (and behind, for one Chinese character): a two-letter word such as 'ji'
is found at the start of a word, a one- or two-character Chinese word such as 济 or 激光
anywhere in a Chinese name (through the character and pair tokens). A single Latin
letter or digit cannot be searched for on its own.

The frame lets the ranking tell an exact match ('| query |') and a prefix match
('| query') from a match elsewhere.
"""
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import phonenumbers

from crm.services.normalise import fold, fold_german, fold_word
from crm.services.pinyin import HAN, has_han, syllables

SEPARATOR = "|"
MIN_TRIGRAM = 3
_PHONE_LIKE = re.compile(r"\+?[\d\s()\-./]+")
_TONE_NUMBERS = re.compile(r"(?:[a-z]+[1-5])+[a-z]*")
_HAN_RUN = re.compile(HAN.pattern + "+")


def _clean(form: str) -> str:
    return " ".join(form.replace(SEPARATOR, " ").split())


def _loose(text: str) -> str:
    """Written-out umlauts read as plain vowels: 'Mueller Straße' -> 'muller strasse'."""
    return " ".join(fold_word(word) for word in fold(text).split())


def _han_tokens(text: str) -> str:
    """'济南激光' -> '济 南 激 光 济南 南激 激光': characters and pairs, each between spaces."""
    tokens = []
    for run in _HAN_RUN.findall(text):
        tokens.extend(run)
        tokens.extend(run[i:i + 2] for i in range(len(run) - 1))
    return " ".join(tokens)


def name_forms(name: str | None) -> list[str]:
    """Every spelling under which a name should be found."""
    if not name:
        return []
    forms = [fold(name), fold_german(name), _loose(name)]
    if has_han(name):
        pinyin = [fold(syllable) for syllable in syllables(name)]
        forms += [" ".join(pinyin), "".join(pinyin).replace(" ", ""), _han_tokens(name)]
    return forms


def address_forms(address: str | None) -> list[str]:
    """An e-mail address as it is (its domain is part of it), a website as its host name."""
    address = fold(address)
    if not address or "@" in address:
        return [address] if address else []
    host = urlsplit(address if "://" in address else f"//{address}").hostname
    return [host] if host else [address]


def _international(digits: str) -> phonenumbers.PhoneNumber | None:
    try:
        return phonenumbers.parse("+" + digits)
    except phonenumbers.NumberParseException:
        return None


def phone_forms(phone: str | None) -> list[str]:
    """'+86 531 8888-1234' -> ['53188881234', '8653188881234']; '0531 88881234' -> ['53188881234']."""
    key = phone_key(phone)
    if not key:
        return []
    digits = "".join(char for char in phone if char.isdigit()).lstrip("0")
    return [key, digits] if digits != key else [key]


def phone_key(phone: str | None) -> str:
    """The national number without trunk prefix, whichever way the number is written:
    '+86 531 8888 1234', '0086 531 88881234' and '(0531) 8888-1234' all give '53188881234'."""
    text = (phone or "").strip()
    digits = "".join(char for char in text if char.isdigit())
    if text.startswith("+") or digits.startswith("00"):
        number = _international(digits.lstrip("0"))
        if number is not None:
            return str(number.national_number)
    return digits.lstrip("0")


def document(names=(), addresses=(), phones=()) -> str:
    """The search text of a record: its names, e-mail addresses and websites, phone numbers."""
    segments = [form for name in names for form in name_forms(name)]
    segments += [form for address in addresses for form in address_forms(address)]
    segments += [form for phone in phones for form in phone_forms(phone)]
    unique = dict.fromkeys(_clean(segment) for segment in segments)
    unique.pop("", None)
    return f"{SEPARATOR} " + f" {SEPARATOR} ".join(unique) + f" {SEPARATOR}"


@dataclass(frozen=True)
class Query:
    """What to look for: every term must occur, in one of its spellings; the phrases
    (the whole query in its spellings) decide what counts as an exact or prefix match."""

    terms: tuple[tuple[str, ...], ...]
    phrases: tuple[str, ...]

    def exact_patterns(self) -> list[str]:
        return [f"{SEPARATOR} {phrase} {SEPARATOR}" for phrase in self.phrases]

    def prefix_patterns(self) -> list[str]:
        return [f"{SEPARATOR} {phrase}" for phrase in self.phrases]


def _pattern(spelling: str) -> str | None:
    """How a spelling is looked for in the trigram index (see the module docstring)."""
    if len(spelling) >= MIN_TRIGRAM:
        return spelling
    if len(spelling) == 1 and has_han(spelling):
        return f" {spelling} "
    if len(spelling) == 2:
        return f" {spelling}"
    return None


def _spellings(word: str) -> set[str]:
    spellings = {word, fold_word(word)}
    if _TONE_NUMBERS.fullmatch(word):  # pinyin typed with tone numbers: ji3nan2
        spellings.add(re.sub(r"\d", "", word))
    return spellings


def parse_query(text: str | None) -> Query | None:
    """The query for what the user typed, or None when nothing in it can be searched for."""
    text = (text or "").strip()
    digits = sum(char.isdigit() for char in text)
    if _PHONE_LIKE.fullmatch(text) and digits >= 4:
        key = phone_key(text)
        return Query(terms=((key,),), phrases=(key,))
    words = _clean(fold(text)).split()
    terms = []
    for word in words:
        patterns = {pattern for pattern in map(_pattern, _spellings(word)) if pattern}
        if patterns:
            terms.append(tuple(sorted(patterns)))
    if not terms:
        return None
    phrase = " ".join(words)
    return Query(terms=tuple(terms), phrases=tuple(dict.fromkeys((phrase, _loose(phrase)))))
