"""Chinese names in Latin letters (Hanyu Pinyin without tone marks), with pypinyin.

- `syllables`        '济南激光' -> ['ji', 'nan', 'ji', 'guang']; other text passes through as it is
- `company_romanised` '济南激光科技有限公司' -> 'Jinan Jiguang Keji Youxian Gongsi'
- `person_romanised`  '王思国' -> 'Wang Siguo' (surname first, given name in one word)

The romanisations are suggestions for the Latin-script name field: pypinyin picks
the commonest reading of a character, so a name with an unusual reading needs a
human to check it.
"""
import re

from pypinyin import lazy_pinyin
from pypinyin.seg.mmseg import seg

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def has_han(text: str | None) -> bool:
    return bool(text and HAN.search(text))


def syllables(text: str) -> list[str]:
    """The pinyin of each Chinese character, lower case and without tones."""
    return [syllable.strip() for syllable in lazy_pinyin(text) if syllable.strip()]


def _words(run: str) -> list[str]:
    """A run of Chinese characters cut into words: dictionary words as pypinyin's segmenter
    finds them, four-character words and runs of single characters cut in pairs
    ('有限公司' -> '有限', '公司'), the way pinyin company names are usually written."""
    words, singles = [], ""
    for word in seg.cut(run):
        if len(word) == 1:
            singles += word
            continue
        words.extend(_pairs(singles))
        singles = ""
        words.extend(_pairs(word) if len(word) == 4 else [word])
    return words + _pairs(singles)


def _pairs(text: str) -> list[str]:
    return [text[i:i + 2] for i in range(0, len(text), 2)]


def company_romanised(text: str) -> str:
    """Each Chinese word in capitalised pinyin; Latin parts of the name are kept."""
    def romanise(match: re.Match) -> str:
        return " " + " ".join("".join(syllables(word)).capitalize() for word in _words(match.group())) + " "

    return " ".join(_HAN_RUN.sub(romanise, text).split())


def person_romanised(text: str) -> str:
    """'王思国' -> 'Wang Siguo': the first character is the surname (compound surnames
    such as 欧阳 are rare enough to leave to the person typing)."""
    name = "".join(text.split())
    if not name or not has_han(name):
        return text.strip()
    surname, given = syllables(name[0]), syllables(name[1:])
    return " ".join(part for part in ("".join(surname).capitalize(), "".join(given).capitalize()) if part)
