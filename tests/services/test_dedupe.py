"""Duplicate detection: normalised names, fuzzy names, distinctive words and domains, without a request."""
import random
import time

import pytest

from crm.services.dedupe import (
    Record,
    find_duplicate_pairs,
    find_duplicates,
    is_free_domain,
    name_similarity,
    name_words,
    normalise_name,
    registered_domain,
    website_domain,
)


def similarity(a: str, b: str) -> tuple[float, str | None]:
    score, reason = name_similarity(name_words(a), name_words(b))
    assert (score, reason) == name_similarity(name_words(b), name_words(a))  # symmetric
    return score, str(reason) if reason else None


def matches_of(candidate: Record, *existing: Record):
    return find_duplicates([candidate], list(existing))


# --- normalisation ---


@pytest.mark.parametrize(
    "first, second",
    [
        ("Müller Technik GmbH", "MUELLER TECHNIK"),
        ("Müller Technik GmbH", "Muller-Technik AG"),
        ("Straßenbau Süd KG", "Strassenbau Sued"),
        ("Åbo Mekaniikka Oy", "Abo Mekaniikka"),
        ("Jinan Laser Co., Ltd.", "Jinan Laser"),
        ("Jinan Laser Co. Ltd", "jinan laser limited"),
        ("Shandong Heavy Industry Group", "Shandong Heavy Industry 集团"),
        ("济南激光科技有限公司", "济南激光科技"),
        ("济南激光科技集团有限公司", "济南激光科技"),
        ("济南激光科技股份有限公司", "济南激光科技有限责任公司"),
        ("Müller & Söhne GmbH & Co. KG", "Mueller und Soehne"),
        ("Nokia Oyj", "Nokia"),
        ("Ｊｉｎａｎ Ｌａｓｅｒ", "Jinan Laser"),
    ],
)
def test_names_that_differ_only_in_spelling_and_legal_form_are_the_same(first, second):
    assert normalise_name(first) == normalise_name(second)
    assert similarity(first, second) == (1.0, "same name after normalisation")


def test_words_written_together_are_the_same_name():
    assert similarity("Chip Design GmbH", "ChipDesign") == (1.0, "same name after normalisation")


def test_a_name_made_only_of_a_legal_form_keeps_it():
    assert normalise_name("AG") == "ag"
    assert normalise_name("") == ""


def test_dotted_legal_forms_are_dropped_as_one_word():
    assert normalise_name("Laser S.A.") == normalise_name("Laser SA") == "laser"


# --- fuzzy names and distinctive words ---


def test_design_and_packaging_are_two_companies():
    assert similarity("Dresden Chip Design GmbH", "Dresden Chip Packaging GmbH") == (0.0, None)


def test_design_and_packaging_are_not_matched_on_import():
    existing = Record(key=1, name="Dresden Chip Design GmbH")
    assert matches_of(Record(key="row", name="Dresden Chip Packaging GmbH"), existing) == []


def test_names_with_a_distinctive_word_each_are_not_duplicates_however_similar_the_letters():
    assert similarity("Jinan Laser Equipment", "Jinan Laser Instruments")[0] == 0
    assert similarity("Laser Systems 1", "Laser Systems 2")[0] == 0
    assert similarity("济南激光科技有限公司", "济南激光设备有限公司")[0] == 0


@pytest.mark.parametrize("typo", ["Dresden Chip Desing", "Dresden Chip Desig", "Dresden Chip Designs",
                                  "Dresden Chip Deslgn"])
def test_a_typo_is_a_similar_name_with_its_score_in_the_reason(typo):
    score, reason = similarity(typo, "Dresden Chip Design GmbH")
    assert 0.85 <= score < 1
    assert reason == f"similar name ({round(score * 100)}%)"


def test_two_edits_or_another_first_letter_are_another_name_not_a_typo():
    assert similarity("Weifang Hengjia Automation", "Weifang Shengjia Automation")[0] == 0
    assert similarity("Dresden Chip Dsign", "Dresden Chip Desgin")[0] == 0


@pytest.mark.parametrize("short, full", [("Jinan Laser Tech Co., Ltd.", "Jinan Laser Technology"),
                                         ("Müller Technik", "Mueller Technology"),
                                         ("Nordic Intl", "Nordic International")])
def test_common_abbreviations_are_written_out(short, full):
    assert similarity(short, full) == (1.0, "same name after normalisation")


def test_a_chinese_name_with_the_city_left_out_is_similar():
    score, reason = similarity("济南华夏激光科技有限公司", "华夏激光科技")
    assert score >= 0.85 and reason.startswith("similar name")


def test_chinese_names_one_character_apart_are_two_firms():
    assert similarity("济南华夏激光科技有限公司", "济南华新激光科技有限公司")[0] == 0
    assert similarity("济南隆盛科技有限公司", "济南盛隆科技有限公司")[0] == 0


def test_similar_pinyin_is_no_duplicate_when_the_chinese_names_differ():
    existing = Record(key=1, name="Jinan Huaxia Laser", name_local="济南华夏激光有限公司")
    assert matches_of(Record(key="r", name="Jinan Huaxa Laser", name_local="济南华新激光有限公司"), existing) == []
    assert len(matches_of(Record(key="r", name="Jinan Huaxa Laser"), existing)) == 1


def test_a_longer_name_containing_a_short_one_is_only_similar_when_close_in_length():
    assert similarity("Jinan Zhongke Laser Technology", "Zhongke Laser Technology Co Ltd")[0] >= 0.85
    assert similarity("Siemens AG", "Siemens Energy AG")[0] == 0


def test_every_match_has_a_score_between_0_and_1_and_a_reason():
    found = matches_of(Record(key="r", name="Dresden Chip Desing"), Record(key=7, name="Dresden Chip Design"))
    assert len(found) == 1
    assert found[0].existing == 7 and 0 < found[0].score <= 1
    assert found[0].reason.startswith("similar name (")


def test_the_local_name_is_compared_too():
    existing = Record(key=3, name="Jinan Laser Technology", name_local="济南激光科技有限公司")
    found = matches_of(Record(key="r", name="JN Laser", name_local="济南激光科技"), existing)
    assert [(m.existing, m.reason) for m in found] == [(3, "same name after normalisation")]


# --- domains ---


def test_the_same_website_domain_is_a_duplicate_whatever_the_name():
    existing = Record(key=1, name="Alpha", website="https://www.example.de/home")
    found = matches_of(Record(key="r", name="Beta", website="example.de"), existing)
    assert found[0].reason == "same website domain example.de"
    assert found[0].score == 0.9


def test_the_same_email_domain_is_a_duplicate():
    existing = Record(key=1, name="Alpha", emails=("info@laser-dd.de",))
    found = matches_of(Record(key="r", name="Beta", emails=("sales@laser-dd.de",)), existing)
    assert found[0].reason == "same e-mail domain laser-dd.de"


def test_a_website_domain_that_is_the_others_email_domain_is_a_duplicate():
    existing = Record(key=1, name="Alpha", emails=("info@laser-dd.de",))
    found = matches_of(Record(key="r", name="Beta", website="http://laser-dd.de"), existing)
    assert found[0].reason.startswith("same domain laser-dd.de")


@pytest.mark.parametrize("domain", ["gmail.com", "qq.com", "163.com", "126.com", "outlook.com", "hotmail.com",
                                    "web.de", "gmx.de", "yahoo.com", "sina.com", "foxmail.com", "icloud.com",
                                    "t-online.de"])
def test_free_mail_domains_are_never_evidence(domain):
    existing = Record(key=1, name="Alpha", emails=(f"alpha@{domain}",))
    assert is_free_domain(domain)
    assert matches_of(Record(key="r", name="Beta", emails=(f"beta@{domain}",)), existing) == []


def test_hosting_sites_are_not_a_shared_website():
    existing = Record(key=1, name="Alpha", website="https://www.linkedin.com/company/alpha")
    assert matches_of(Record(key="r", name="Beta", website="linkedin.com/company/beta"), existing) == []


def test_registered_domains_drop_www_and_subdomains_but_keep_second_level_registrations():
    assert registered_domain("www.shop.example.de") == "example.de"
    assert registered_domain("mail.example.com.cn") == "example.com.cn"
    assert registered_domain("example.co.uk") == "example.co.uk"
    assert website_domain("EXAMPLE.de/path") == "example.de"
    assert website_domain("not a url") is None


def test_name_and_domain_together_score_higher_than_either():
    existing = Record(key=1, name="Dresden Chip Desing", website="chip-design.de")
    by_name = matches_of(Record(key="r", name="Dresden Chip Design"), existing)[0]
    both = matches_of(Record(key="r", name="Dresden Chip Design", website="chip-design.de"), existing)[0]
    assert both.score > by_name.score
    assert {r.kind for r in both.reasons} == {"same_website", "similar_name"}


# --- lists ---


def test_at_most_five_matches_per_candidate_best_first():
    existing = [Record(key=i, name=f"Other {i}", website="shared-site.de") for i in range(8)]
    existing.append(Record(key=99, name="Jinan Laser", website="shared-site.de"))
    found = find_duplicates([Record(key="r", name="Jinan Laser", website="shared-site.de")], existing)
    assert len(found) == 5
    assert found[0].existing == 99


def test_pairs_within_a_list_are_reported_once_from_the_later_to_the_earlier():
    records = [Record(key=2, name="Müller GmbH"), Record(key=3, name="Other"), Record(key=4, name="Mueller AG")]
    pairs = find_duplicate_pairs(records)
    assert [(p.candidate, p.existing) for p in pairs] == [(4, 2)]


def test_nothing_matches_in_empty_lists():
    assert find_duplicates([], []) == []
    assert find_duplicates([Record(key=1, name="A")], []) == []
    assert find_duplicate_pairs([]) == []


def test_the_typo_in_the_rarest_word_is_found_among_many_similar_names():
    existing = [Record(key=i, name=f"Jinan Brand{i} Laser Technology") for i in range(300)]
    existing.append(Record(key=999, name="Jinan Huaxia Laser Technology"))
    found = find_duplicates([Record(key="r", name="Jinan Huaxai Laser Technology")], existing)
    assert [m.existing for m in found] == [999]


def test_ten_thousand_rows_against_twenty_thousand_companies_take_seconds():
    rng = random.Random(3)
    syllables = ["hua", "xia", "zhong", "ke", "tian", "rui", "sheng", "tai", "long", "xin", "hai", "feng", "jin",
                 "bao", "ber", "man", "sch", "ulz", "hof", "lin", "tek", "vo", "ra", "mik", "nor", "sa", "ko"]
    industries = ["Laser", "Chip Design", "Chip Packaging", "Optics", "Robotics", "Battery", "Solar", "Sensor"]

    def name():
        brand = "".join(rng.sample(syllables, 3)).capitalize()
        return f"{rng.choice(['Jinan', 'Dresden', 'Vantaa', ''])} {brand} {rng.choice(industries)} GmbH"

    existing = [Record(key=i, name=name(), website=f"site{i}.de") for i in range(20_000)]
    rows = [Record(key=f"r{i}", name=name(), website=f"row{i}.de") for i in range(9_900)]
    rows += [Record(key=f"d{i}", name=existing[i].name.upper()) for i in range(100)]
    started = time.perf_counter()
    found = find_duplicates(rows, existing)
    assert time.perf_counter() - started < 15
    assert {f"d{i}" for i in range(100)} <= {m.candidate for m in found}


# --- alternative names and registration numbers ---

def test_an_equal_registration_number_is_the_strongest_signal_whatever_the_names():
    code = "cn_uscc:91330100799655058B"
    candidate = Record(key="row 2", name="Hangzhou Commerce Network", registration=code)
    [match] = matches_of(candidate, Record(key=1, name="Alibaba Group", registration=code),
                         Record(key=2, name="Hangzhou Commerce Network Ltd"))[:1]
    assert (match.existing, match.score, str(match.reasons[0])) == (
        1, 1.0, "same registration number 91330100799655058B")


def test_an_alternative_name_finds_the_company():
    existing = Record(key=1, name="Jinan International Economic Relations Office", alternative_names=("JIER",))
    [match] = matches_of(Record(key="row 2", name="JIER"), existing)
    assert match.existing == 1 and match.score == 1.0


def test_two_records_with_one_registration_are_a_pair():
    records = [Record(key=1, name="Nokia Oyj", registration="fi_business_id:0112038-9"),
               Record(key=2, name="Nokia Corporation", registration="fi_business_id:0112038-9"),
               Record(key=3, name="Valmet Oyj")]
    assert [(m.candidate, m.existing) for m in find_duplicate_pairs(records)] == [(2, 1)]
