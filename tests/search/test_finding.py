"""The search box finds what people type: one rule per test, through the results page."""
import pytest
import sqlalchemy as sa

from crm.extensions import db
from crm.models import Company
from crm.search.index import reindex
from crm.search.queries import COUNT_CAP
from tests.delegations.factories import DelegationFactory
from tests.events.factories import EventFactory
from tests.factories import CompanyFactory, PersonFactory


def found(client, q: str) -> str:
    return client.get("/search/", query_string={"q": q}).get_data(as_text=True)


@pytest.fixture
def laser():
    return CompanyFactory(name="Jinan Laser Technology Co., Ltd.", name_local="济南激光科技有限公司",
                          website="https://www.jinan-laser.cn", email="info@jinan-laser.cn")


@pytest.mark.parametrize("q", ["济南", "激光科技", "有限公司"])
def test_finds_a_company_by_any_part_of_its_chinese_name(logged_in, laser, q):
    assert "Jinan Laser Technology" in found(logged_in, q)


def test_finds_a_two_character_chinese_word_inside_a_name(logged_in, laser):
    assert "Jinan Laser Technology" in found(logged_in, "激光")


def test_finds_a_single_chinese_character(logged_in, laser):
    assert "Jinan Laser Technology" in found(logged_in, "激")


@pytest.mark.parametrize("q", ["jinan", "ji nan", "Jǐnán", "jǐ nán", "ji3nan2", "jiguang"])
def test_finds_a_chinese_name_by_pinyin_with_or_without_tones_and_spaces(logged_in, q):
    CompanyFactory(name="Shandong Photonics", name_local="济南激光")
    assert "Shandong Photonics" in found(logged_in, q)


@pytest.mark.parametrize("q", ["Muller", "Mueller", "Müller", "MÜLLER"])
@pytest.mark.parametrize("name", ["Müller Maschinenbau GmbH", "Mueller Maschinenbau GmbH", "Muller Maschinenbau GmbH"])
def test_finds_umlauts_written_any_way(logged_in, name, q):
    CompanyFactory(name=name)
    assert "Maschinenbau GmbH" in found(logged_in, q)


@pytest.mark.parametrize("name, q", [("Weißeritz Werke", "Weisseritz"), ("Weisseritz Werke", "Weißeritz")])
def test_finds_sharp_s_written_as_ss_and_back(logged_in, name, q):
    CompanyFactory(name=name)
    assert "Werke" in found(logged_in, q)


@pytest.mark.parametrize("name, q", [
    ("Myyrmäki Oy", "Myyrmaki"), ("Myyrmaki Oy", "Myyrmäki"), ("Café Zoé", "cafe zoe"),
])
def test_finds_names_with_or_without_accents(logged_in, name, q):
    CompanyFactory(name=name)
    assert name in found(logged_in, q)


@pytest.mark.parametrize("q", ["jinan-laser.cn", "www.jinan-laser.cn", "laser.cn"])
def test_finds_a_company_by_its_website_domain(logged_in, q):
    CompanyFactory(name="Jinan Laser Technology", website="https://www.jinan-laser.cn/en/")
    assert "Jinan Laser Technology" in found(logged_in, q)


def test_finds_a_person_by_their_email_domain(logged_in):
    PersonFactory(name="Katrin Weber", email="k.weber@tu-dresden.de")
    assert "Katrin Weber" in found(logged_in, "tu-dresden.de")


@pytest.mark.parametrize("q", ["+86 531 8888 1234", "0086 531 88881234", "(0531) 8888-1234", "0531/88881234",
                               "531.8888.1234", "88881234"])
def test_finds_a_person_by_their_phone_in_any_common_format(logged_in, q):
    PersonFactory(name="Li Wei", phone="+86 531 8888 1234")
    assert "Li Wei" in found(logged_in, q)


def test_finds_an_internationally_typed_number_stored_in_national_format(logged_in):
    PersonFactory(name="Katrin Weber", phone="0351 463-12345")
    assert "Katrin Weber" in found(logged_in, "+49 351 46312345")


def test_a_phone_number_does_not_find_other_numbers(logged_in):
    PersonFactory(name="Li Wei", phone="+86 531 8888 1234")
    assert "Li Wei" not in found(logged_in, "0531 8888 9999")


def test_finds_events_and_delegations_by_name(logged_in):
    EventFactory(name="Jinan–Dresden Matchmaking Fair 2026", city="Dresden")
    DelegationFactory(name="Laser delegation to Stuttgart", host_cities="Stuttgart")
    text = found(logged_in, "stuttgart")
    assert "Laser delegation to Stuttgart" in text and "Matchmaking Fair" not in text
    assert "Matchmaking Fair 2026" in found(logged_in, "matchmaking")


def test_every_word_must_match(logged_in):
    CompanyFactory(name="Jinan Laser Technology")
    CompanyFactory(name="Jinan Optics")
    text = found(logged_in, "jinan laser")
    assert "Jinan Laser Technology" in text and "Jinan Optics" not in text


def test_a_two_letter_word_matches_the_start_of_a_word(logged_in):
    CompanyFactory(name="Lasertec GmbH")
    CompanyFactory(name="Dresden Chip Design")
    text = found(logged_in, "la")
    assert "Lasertec GmbH" in text and "Dresden Chip Design" not in text


def test_a_single_letter_asks_for_more(logged_in):
    CompanyFactory(name="Lasertec GmbH")
    text = found(logged_in, "l")
    assert "Lasertec GmbH" not in text and "at least two letters" in text


def test_percent_and_underscore_are_taken_literally(logged_in):
    CompanyFactory(name="Jinan Laser Technology")
    assert "Jinan Laser Technology" not in found(logged_in, "a_e%")


def test_results_are_grouped_by_type(logged_in):
    company = CompanyFactory(name="Weber Optics GmbH")
    PersonFactory(name="Katrin Weber")
    text = found(logged_in, "weber")
    assert text.index('data-kind="company"') < text.index("Weber Optics GmbH") < text.index('data-kind="person"')
    assert text.index('data-kind="person"') < text.index("Katrin Weber")
    assert f"/companies/{company.id}" in text


def test_exact_and_prefix_matches_come_before_the_rest(logged_in):
    for name in ["Dresden Laser Systems", "Laser Dresden GmbH", "Laser"]:
        CompanyFactory(name=name)
    text = found(logged_in, "laser")
    assert text.index(">Laser<") < text.index(">Laser Dresden GmbH<") < text.index(">Dresden Laser Systems<")


def test_prefix_matches_are_in_name_order(logged_in):
    for name in ["Laser Zeta", "Laser Alpha", "Laser Mu"]:
        CompanyFactory(name=name)
    text = found(logged_in, "laser")
    assert text.index(">Laser Alpha<") < text.index(">Laser Mu<") < text.index(">Laser Zeta<")


def test_a_broad_query_counts_up_to_a_cap(logged_in):
    db.session.execute(sa.insert(Company), [{"name": f"Weber {n} GmbH", "kind": "enterprise", "status": "new"}
                                            for n in range(COUNT_CAP + 5)])
    db.session.commit()
    reindex(db.session)
    db.session.commit()
    assert f"{COUNT_CAP}+" in found(logged_in, "weber")


def test_shows_both_scripts_of_a_name(logged_in, laser):
    text = found(logged_in, "jinan")
    assert "Jinan Laser Technology" in text and "济南激光科技有限公司" in text


def test_a_renamed_company_is_found_under_its_new_name_only(logged_in):
    company = CompanyFactory(name="Old Name GmbH")
    company.name = "Weißeritz Präzision GmbH"
    db.session.commit()
    assert "Präzision" in found(logged_in, "praezision")
    assert "Präzision" not in found(logged_in, "old name")


def test_a_deleted_company_is_no_longer_found(logged_in):
    company = CompanyFactory(name="Gone GmbH")
    db.session.delete(company)
    db.session.commit()
    assert db.session.get(Company, company.id) is None
    assert "Gone GmbH" not in found(logged_in, "gone")


@pytest.mark.parametrize("q", ['"', '"""', "AND", "a OR b", "***", "NEAR(x y)", "^abc", "'; --", "%%%", "| | |"])
def test_query_syntax_characters_are_plain_text(logged_in, q):
    CompanyFactory(name="Jinan Laser Technology")
    response = logged_in.get("/search/", query_string={"q": q})
    assert response.status_code == 200 and "Jinan Laser Technology" not in response.get_data(as_text=True)
