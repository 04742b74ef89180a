"""Folding text so that spellings of one name compare equal."""
import pytest

from crm.services.normalise import fold, fold_german, fold_word, match_key, variants


def test_fold_drops_case_and_accents():
    assert fold("Ängström CAFÉ Łódź") == "angstrom cafe lodz"


def test_fold_writes_sharp_s_as_ss():
    assert fold("Großstraße") == "grossstrasse"


def test_fold_turns_full_width_letters_into_ascii():
    assert fold("ＡＢＣ　１２３") == "abc 123"


def test_fold_collapses_whitespace():
    assert fold("  Jinan \t Laser\nTech  ") == "jinan laser tech"


def test_fold_leaves_chinese_alone():
    assert fold("济南激光科技") == "济南激光科技"


@pytest.mark.parametrize("text", [None, "", "   "])
def test_fold_of_nothing_is_empty(text):
    assert fold(text) == ""
    assert match_key(text) == ""
    assert variants(text) == set()


def test_fold_german_writes_umlauts_out():
    assert fold_german("Müller Öl Bär") == "mueller oel baer"


def test_variants_hold_both_umlaut_spellings():
    assert variants("Müller") == {"muller", "mueller"}


def test_variants_of_a_plain_name_is_one_spelling():
    assert variants("Schmidt") == {"schmidt"}


@pytest.mark.parametrize("spelling", ["Müller", "Mueller", "Muller", "MÜLLER", "mueller"])
def test_match_key_makes_umlaut_spellings_agree(spelling):
    assert match_key(spelling) == "muller"


def test_match_key_drops_punctuation():
    assert match_key("Jinan Laser-Tech Co., Ltd.") == "jinan laser tech co ltd"


def test_match_key_makes_finnish_names_agree_with_their_ascii_spelling():
    assert match_key("Hämeenlinna") == match_key("Hameenlinna")


def test_fold_word_is_match_key_for_one_word():
    assert fold_word("Schweißtechnik") == match_key("Schweisstechnik") == "schweisstechnik"
