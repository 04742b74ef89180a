"""Folding text for comparison: case, width, accents, umlauts and ß.

Used by matching and meant for search and duplicate detection, so that "Müller",
"Mueller" and "MULLER" can be found under one key. Chinese and other scripts
without case pass through unchanged (full-width letters and digits become ASCII).

- `fold`        "Müller-Straße GmbH" -> "muller-strasse gmbh"   (diacritics dropped)
- `fold_german` "Müller-Straße GmbH" -> "mueller-strasse gmbh"  (ä/ö/ü written out)
- `variants`    both of the above, to index a name under each spelling
- `match_key`   the loosest key: ü, ue and u agree, punctuation goes; lossy, for comparing only
"""
import re
import unicodedata

# Letters that carry no combining accent in Unicode, so decomposition leaves them alone.
_LETTERS = str.maketrans(
    {
        "ß": "ss",
        "ẞ": "ss",
        "ø": "o",
        "æ": "ae",
        "œ": "oe",
        "đ": "d",
        "ð": "d",
        "ł": "l",
        "þ": "th",
        "ı": "i",
    }
)
_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})
_SPACES = re.compile(r"\s+")
_PUNCTUATION = re.compile(r"[^\w\s]+|_+")
_SPELLED_UMLAUT = re.compile(r"([aou])e")


def _casefold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def _strip_accents(text: str) -> str:
    """Drop accents from Latin, Greek and Cyrillic letters; other scripts keep their marks."""
    out = []
    for char in unicodedata.normalize("NFD", text):
        if unicodedata.combining(char) and out and out[-1] < "\u0530":
            continue
        out.append(char)
    return unicodedata.normalize("NFC", "".join(out))


def fold(text: str | None) -> str:
    """Case, width and accents folded, whitespace collapsed: 'Ääkkönen ＡＢ' -> 'aakkonen ab'."""
    if not text:
        return ""
    folded = _strip_accents(_casefold(text).translate(_LETTERS))
    return _SPACES.sub(" ", folded).strip()


def fold_german(text: str | None) -> str:
    """Like `fold`, but with ä, ö, ü written out as German does: 'Müller' -> 'mueller'."""
    if not text:
        return ""
    return fold(_casefold(text).translate(_GERMAN))


def variants(text: str | None) -> set[str]:
    """Every folded spelling of `text` worth indexing: {'muller', 'mueller'} for 'Müller'."""
    return {form for form in (fold(text), fold_german(text)) if form}


def match_key(text: str | None) -> str:
    """One key on which 'Müller', 'Mueller' and 'Muller' agree; punctuation becomes space.

    Lossy on purpose ("ae", "oe" and "ue" are read as spelled-out umlauts, so 'Michael'
    gives 'michal'): use it to find candidates to compare, never to display.
    """
    loose = _SPELLED_UMLAUT.sub(r"\1", fold(text))
    return _SPACES.sub(" ", _PUNCTUATION.sub(" ", loose)).strip()


def fold_word(word: str) -> str:
    """`match_key` for a single word, without the punctuation pass (hot path of matching)."""
    return _SPELLED_UMLAUT.sub(r"\1", _strip_accents(_casefold(word).translate(_LETTERS)))
