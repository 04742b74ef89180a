"""Search text and queries, without app or database."""
from crm.services.pinyin import company_romanised, person_romanised
from crm.services.search_text import document, parse_query, phone_key


def test_document_frames_each_spelling_once():
    assert document(names=["Müller GmbH"]) == "| muller gmbh | mueller gmbh |"


def test_document_has_pinyin_and_character_tokens_of_chinese_names():
    text = document(names=["济南"])
    assert "| ji nan |" in text and "| jinan |" in text and "| 济 南 济南 |" in text


def test_document_has_website_host_and_email():
    text = document(addresses=["https://www.jinan-laser.cn/en", "Info@Jinan-Laser.cn"])
    assert "| www.jinan-laser.cn |" in text and "| info@jinan-laser.cn |" in text


def test_phone_key_is_the_national_number_whatever_the_format():
    keys = {phone_key(p) for p in ["+86 531 8888 1234", "0086-531-88881234", "(0531) 8888 1234", "531 8888 1234"]}
    assert keys == {"53188881234"}


def test_document_keeps_the_international_digits_of_a_phone_too():
    assert document(phones=["+49 351 463-12345"]) == "| 35146312345 | 4935146312345 |"


def test_short_words_are_looked_for_at_the_start_of_a_word():
    assert parse_query("ji").terms == ((" ji",),)


def test_a_single_chinese_character_is_looked_for_as_a_token():
    assert parse_query("激").terms == ((" 激 ",),)


def test_a_single_latin_letter_is_not_searchable():
    assert parse_query("m") is None


def test_a_spelled_out_umlaut_also_looks_for_the_plain_vowel():
    assert parse_query("Mueller").terms == (("mueller", "muller"),)


def test_romanised_company_name_is_capitalised_pinyin_words():
    assert company_romanised("山东大学") == "Shandong Daxue"


def test_romanised_company_name_keeps_latin_parts():
    assert company_romanised("济南ABC有限公司") == "Jinan ABC Youxian Gongsi"


def test_romanised_person_name_is_surname_then_given_name():
    assert person_romanised("张晓明") == "Zhang Xiaoming"
