"""Match suggestions for fairs and delegations: reading profiles in Chinese, German,
English and Finnish, scoring pairs, and explaining every score."""
import random
from types import SimpleNamespace

import pytest

from crm.services.matching import (
    FactorKind,
    History,
    Matcher,
    MatchSettings,
    Profile,
    analyse,
    concept_label,
    profile_from_company,
    profile_from_delegation_member,
    profile_from_participant,
    score_pair,
    sector_keys,
    suggest,
    suggest_all,
)
from crm.services.matching.analysis import LEXICON, LANGUAGES, stem


def concepts(text, language=None):
    return {t.concept for t in analyse(text, language) if t.concept}


def factor(suggestion, kind):
    found = [f for f in suggestion.factors if f.kind == kind]
    return found[0] if found else None


def ranking(suggestions):
    return [s.candidate_id for s in suggestions]


# Reading profile text


def test_chinese_german_and_english_name_the_same_concepts():
    assert concepts("激光切割设备") == {"laser", "cutting", "equipment"}
    assert concepts("Laserschneidanlagen") == {"laser", "cutting", "equipment"}
    assert concepts("laser cutting machines") == {"laser", "cutting", "equipment"}


@pytest.mark.parametrize(
    "text, concept",
    [
        ("机器人", "robot"),
        ("Roboter", "robot"),
        ("Batterie", "battery"),
        ("电池", "battery"),
        ("Halbleiter", "semiconductor"),
        ("半导体", "semiconductor"),
        ("Medizintechnik", "medical_devices"),
        ("医疗器械", "medical_devices"),
        ("Automatisierung", "automation"),
        ("自动化", "automation"),
        ("Vertriebspartner", "distribution"),
        ("经销商", "distribution"),
        ("工业4.0", "industry_4_0"),
        ("Industrie 4.0", "industry_4_0"),
        ("智能制造", "smart_manufacturing"),
        ("intelligent manufacturing", "smart_manufacturing"),
        ("joint venture", "joint_venture"),
        ("R&D cooperation", "rd_cooperation"),
        ("Forschung und Entwicklung", "rd_cooperation"),
        ("tekoäly", "ai"),
    ],
)
def test_lexicon_maps_words_of_each_language_to_concepts(text, concept):
    assert concept in concepts(text)


def test_german_compounds_are_split_against_the_lexicon():
    assert concepts("Lasertechnik") == {"laser"}
    assert concepts("Faserlaser") == {"laser"}
    assert concepts("Halbleiterfertigung") == {"semiconductor", "manufacturing"}


def test_umlauts_and_sharp_s_may_be_written_out():
    assert concepts("Schweißen") == concepts("Schweissen") == {"welding"}
    assert concepts("Elektromobilität") == concepts("Elektromobilitaet") == {"electric_vehicles"}


def test_plurals_and_inflections_meet_their_singular():
    assert concepts("batteries") == concepts("battery") == {"battery"}
    assert stem("anlagen") == stem("anlage")
    assert stem("cutting") == stem("cut")


def test_stop_words_are_dropped():
    assert analyse("We are looking for partners and we offer our products") == ()
    assert analyse("Wir suchen Partner für unsere Produkte") == ()
    assert analyse("我们寻求合作伙伴") == ()


def test_chinese_outside_the_lexicon_becomes_bigrams():
    keys = {t.key for t in analyse("优质茶叶")}
    assert "z:茶叶" in keys


def test_acronyms_count_only_in_capitals():
    assert concepts("IT services") == {"it"}
    assert concepts("it works") == set()
    assert concepts("LED lamps") == {"lighting"}
    assert concepts("he led the team") == set()


def test_a_known_part_inside_an_unknown_word_does_not_count():
    assert concepts("important") == set()  # not "import"
    assert concepts("zum Beispiel") == set()  # not "Spiel"


def test_a_word_one_letter_off_a_lexicon_term_still_counts():
    assert concepts("Halbleter") == {"semiconductor"}


def test_finnish_case_endings_are_stripped():
    assert concepts("akkujen", language="fi") == {"battery"}
    assert concepts("laserleikkauslaitteita") >= {"laser", "cutting"}


def test_terms_keep_the_words_as_written():
    surfaces = {t.concept: t.surface for t in analyse("Wir suchen Faserlaser, 机器人 and Sensoren")}
    assert surfaces == {"laser": "Faserlaser", "robot": "机器人", "sensor": "Sensoren"}


def test_lexicon_has_each_concept_in_english_german_and_chinese():
    assert 100 <= len(LEXICON.labels) <= 200
    for concept, labels in LEXICON.labels.items():
        assert {"en", "de", "zh"} <= labels.keys(), concept
    assert LANGUAGES == ("en", "de", "zh", "fi")


def test_lexicon_gives_no_word_two_concepts():
    assert LEXICON.ambiguous == {}


def test_no_lexicon_word_is_a_stop_word():
    assert not set(LEXICON.words) & LEXICON.stop


def test_concept_labels_come_in_each_language():
    assert concept_label("laser") == "laser"
    assert concept_label("robot", "zh") == "机器人"
    assert concept_label("robot", "de") == "Roboter"


def test_sector_names_in_any_language_agree():
    assert sector_keys("Mikroelektronik") == sector_keys("微电子") == sector_keys("Microelectronics")
    assert sector_keys("Tea & Coffee") == {"s:tea coffee"}


# Scoring


def test_chinese_offer_matches_german_and_english_seekers():
    seller = Profile(1, "A", offers="激光切割设备")
    german = Profile(2, "B", seeks="Wir suchen Laserschneidanlagen")
    english = Profile(3, "B", seeks="laser cutting")
    unrelated = Profile(4, "B", seeks="Bio-Lebensmittel")

    suggestions = suggest(seller, [unrelated, english, german])

    assert ranking(suggestions)[-1] == 4
    for suggestion in suggestions[:2]:
        offered = factor(suggestion, FactorKind.OFFERS_MEET_SEEKS)
        assert {t.concept for t in offered.terms} >= {"laser", "cutting"}
        assert offered.source == 1


def test_a_rare_shared_term_outweighs_a_common_one():
    buyer = Profile(1, "A", seeks="Laser und Software")
    laser = Profile(2, "B", offers="Faserlaser")
    software = Profile(3, "B", offers="Software")
    others = [Profile(10 + i, "B", offers=f"Software für Branche {i}") for i in range(5)]

    suggestions = {s.candidate_id: s.score for s in suggest(buyer, [software, laser, *others])}

    assert suggestions[2] > suggestions[3]


def test_a_seller_meeting_a_buyer_beats_two_sellers_of_the_same_thing():
    seller = Profile(1, "A", offers="Faserlaser und Laserschneidanlagen", sectors={"Lasers"})
    competitor = Profile(2, "B", offers="fibre lasers for cutting", sectors={"Lasers"})
    buyer = Profile(3, "B", seeks="激光切割设备")

    suggestions = suggest(seller, [competitor, buyer])

    assert ranking(suggestions) == [3, 2]
    assert suggestions[0].score > suggestions[1].score


def test_declined_before_pushes_a_candidate_down():
    seller = Profile(1, "A", offers="Roboter")
    first = Profile(2, "B", seeks="robots")
    second = Profile(3, "B", seeks="robots")

    before = suggest(seller, [first, second])
    after = suggest(seller, [first, second], history={(2, 1): History(declined=True)})

    assert ranking(before) == [2, 3]
    assert ranking(after) == [3, 2]
    assert after[1].score < before[0].score
    assert factor(after[1], FactorKind.DECLINED_BEFORE).points == -40


def test_already_met_and_partners_are_marked():
    seller = Profile(1, "A", offers="Roboter")
    met = Profile(2, "B", seeks="robots")
    partner = Profile(3, "B", seeks="robots")
    history = {frozenset({1, 2}): History(already_met=True), (1, 3): History(partners=True)}

    suggestions = {s.candidate_id: s for s in suggest(seller, [met, partner], history=history)}

    assert factor(suggestions[2], FactorKind.ALREADY_MET).points < 0
    assert factor(suggestions[3], FactorKind.ALREADY_PARTNERS).points > 0
    assert suggestions[3].score > suggestions[2].score


def test_same_side_is_penalised():
    seller = Profile(1, "A", offers="Roboter")
    visitor = Profile(2, "A", seeks="robots")
    host = Profile(3, "B", seeks="robots")

    suggestions = suggest(seller, [visitor, host])

    assert ranking(suggestions) == [3, 2]
    assert factor(suggestions[1], FactorKind.SAME_SIDE).points < 0


def test_same_side_is_not_penalised_when_allowed():
    seller = Profile(1, "A", offers="Roboter")
    visitor = Profile(2, "A", seeks="robots")
    host = Profile(3, "B", seeks="robots")

    suggestions = suggest(seller, [visitor, host], allow_same_side=True)

    assert suggestions[0].score == suggestions[1].score
    assert ranking(suggestions) == [2, 3]


def test_a_participant_may_ask_to_meet_its_own_side():
    seller = Profile(1, "A", offers="Roboter", same_side_ok=True)
    visitor = Profile(2, "A", seeks="robots")

    [suggestion] = suggest(seller, [visitor])

    assert factor(suggestion, FactorKind.SAME_SIDE) is None


def test_explanations_quote_both_profiles_in_their_own_words():
    german = Profile(1, "B", offers="Faserlaser")
    chinese = Profile(2, "A", seeks="激光")

    [suggestion] = suggest(german, [chinese])

    [term] = factor(suggestion, FactorKind.OFFERS_MEET_SEEKS).terms
    assert (term.left, term.right, term.concept) == (("Faserlaser",), ("激光",), "laser")
    assert "'Faserlaser' ↔ '激光' (concept: laser)" in suggestion.explain()[0]


def test_explanations_name_the_offering_side():
    a = Profile("a", "A", offers="Batterien", seeks="Software")
    b = Profile("b", "B", offers="ERP software", seeks="锂电池")

    suggestion = score_pair(a, b)

    directions = [(f.source, f.target) for f in suggestion.factors if f.kind == FactorKind.OFFERS_MEET_SEEKS]
    assert sorted(directions) == [("a", "b"), ("b", "a")]
    assert suggestion.explain({"a": "Dresden Akku", "b": "Jinan Soft"})[0].startswith("+")


def test_score_is_symmetric():
    a = Profile(1, "A", offers="Batterien und Ladesäulen", seeks="Software", sectors={"New energy"})
    b = Profile(2, "B", offers="ERP software", seeks="锂电池", sectors={"Software"}, interests="joint venture")

    assert score_pair(a, b).score == score_pair(b, a).score > 0


def test_the_score_is_the_sum_of_its_factors():
    a = Profile(1, "A", offers="Batterien", seeks="Software", sectors={"Batteries"}, interests="合资")
    b = Profile(2, "B", offers="software", seeks="电池", sectors={"电动汽车"}, interests={"joint venture"})

    suggestion = score_pair(a, b, history={(1, 2): History(partners=True)})

    assert suggestion.score == sum(f.points for f in suggestion.factors)
    assert 0 < suggestion.score <= 100


def test_scores_stay_within_0_and_100():
    a = Profile(1, "A", offers="Roboter")
    b = Profile(2, "A", seeks="robots")
    generous = MatchSettings(best_direction_points=200)

    assert score_pair(a, b, history={(1, 2): History(declined=True)}).score == 0
    assert score_pair(a, b, allow_same_side=True, settings=generous).score == 100


def test_shared_sectors_count_across_languages():
    a = Profile(1, "A", sectors={"激光"})
    b = Profile(2, "B", sectors={"Lasers", "Optics"})

    suggestion = score_pair(a, b)

    shared = factor(suggestion, FactorKind.SHARED_SECTORS)
    assert shared.points == 5
    assert (shared.terms[0].left, shared.terms[0].right) == (("激光",), ("Lasers",))


def test_complementary_sectors_count():
    a = Profile(1, "A", sectors={"Mikroelektronik"})
    b = Profile(2, "B", sectors={"Intelligent manufacturing"})

    assert factor(score_pair(a, b), FactorKind.COMPLEMENTARY_SECTORS).points == 3


def test_complementary_sectors_are_configurable():
    a = Profile(1, "A", sectors={"Tea"})
    b = Profile(2, "B", sectors={"Ceramics"})
    settings = MatchSettings(complementary_sectors=(("tea", "ceramics"),))

    assert score_pair(a, b).score == 0
    assert score_pair(a, b, settings=settings).score == 3


def test_shared_cooperation_interests_count_as_text_or_labels():
    a = Profile(1, "A", interests="合资, 技术转让")
    b = Profile(2, "B", interests={"Joint Venture", "Lizenzvergabe"})

    shared = factor(score_pair(a, b), FactorKind.SHARED_INTERESTS)

    assert shared.points > 0
    assert [t.concept for t in shared.terms] == ["joint_venture"]


@pytest.mark.parametrize(
    "a, b",
    [
        (Profile(1), Profile(2)),
        (Profile(1, offers=None, seeks=None, interests=None, sectors=None), Profile(2, "B")),
        (Profile(1, offers="  ", seeks="的"), Profile(2, offers="und", seeks="...")),
    ],
)
def test_empty_profiles_score_zero(a, b):
    suggestion = score_pair(a, b)

    assert suggestion.score == 0
    assert suggestion.factors == ()
    assert suggest(a, [b])[0].score == 0


def test_no_candidates_give_no_suggestions():
    assert suggest(Profile(1), []) == []


def test_the_profile_itself_is_never_suggested():
    me = Profile(1, offers="Roboter")
    assert ranking(suggest(me, [me, Profile(2, seeks="robots")])) == [2]


def test_two_profiles_with_one_id_are_refused():
    with pytest.raises(ValueError):
        Matcher([Profile(1), Profile(1)])


# Ranking


def test_ties_are_ordered_by_id():
    seller = Profile(0, "A", offers="Roboter")
    candidates = [Profile(i, "B", seeks="robots") for i in (5, 3, 9, 1)]

    assert ranking(suggest(seller, candidates)) == [1, 3, 5, 9]


def test_ranking_does_not_depend_on_the_order_of_candidates():
    profiles = generated_profiles(40, seed=3)
    shuffled = profiles[1:]
    random.Random(1).shuffle(shuffled)

    first = suggest(profiles[0], profiles[1:])
    second = suggest(profiles[0], shuffled)

    assert [(s.candidate_id, s.score, s.explain()) for s in first] == [
        (s.candidate_id, s.score, s.explain()) for s in second
    ]


def test_limit_and_min_score_cut_the_list():
    seller = Profile(0, "A", offers="Roboter")
    candidates = [Profile(1, "B", seeks="robots"), Profile(2, "B", seeks="Roboter"), Profile(3, "B")]

    assert ranking(suggest(seller, candidates, limit=1)) == [1]
    assert ranking(suggest(seller, candidates, min_score=1)) == [1, 2]


def test_a_matcher_ranks_a_delegation_member_among_chosen_companies():
    member = Profile("member:1", offers="锂电池", seeks="Vertriebspartner in Deutschland")
    companies = [Profile(7, seeks="Batteriezellen"), Profile(8, offers="Vertrieb in Sachsen"), Profile(9)]
    matcher = Matcher([member, *companies])

    assert ranking(matcher.suggest("member:1", among=[9, 8, 7])) == [7, 8, 9]
    assert ranking(matcher.suggest("member:1", among=[9, 8])) == [8, 9]


OFFERS = [
    "激光切割设备", "Faserlaser und Laserschneidanlagen", "industrial robots and machine vision", "锂电池电芯",
    "Batteriezellen für Elektrofahrzeuge", "semiconductor test equipment", "半导体封装设备", "Medizintechnik",
    "医疗器械", "ERP software for SMEs", "工业软件和智能制造解决方案", "Automatisierungstechnik und SPS-Steuerungen",
    "precision machining of aluminium parts", "精密加工", "Logistik und Lagerlogistik", "跨境电商物流服务",
    "Sensorik für Industrie 4.0", "传感器和物联网平台", "Solarmodule und Wechselrichter", "光伏组件",
]
SEEKS = [
    "Vertriebspartner in China", "寻求欧洲经销商", "distribution partners in Europe", "joint venture partner",
    "寻求投资", "Investoren", "R&D cooperation with universities", "研发合作", "Lizenznehmer", "激光切割设备",
    "Laserschneidanlagen", "laser cutting machines", "Batterien für Energiespeicher", "储能电池", "焊接机器人",
    "Halbleiter", "芯片", "医疗设备", "Software für Produktionsplanung", "Sensoren", "精密零件供应商", "光伏",
]
SECTORS = ["Lasers", "激光", "Microelectronics", "Intelligent manufacturing", "智能制造", "Batteries", "新能源", "Software"]
INTERESTS = ["joint venture", "合资", "distribution", "licensing", "技术转让", "investment", "market entry"]


def generated_profiles(count, seed=7):
    rng = random.Random(seed)
    return [
        Profile(
            id=i,
            side="A" if i % 2 else "B",
            offers="; ".join(rng.sample(OFFERS, rng.randint(0, 3))),
            seeks="; ".join(rng.sample(SEEKS, rng.randint(0, 3))),
            sectors=set(rng.sample(SECTORS, rng.randint(0, 2))),
            interests=set(rng.sample(INTERESTS, rng.randint(0, 2))),
        )
        for i in range(1, count + 1)
    ]


def test_suggest_all_ranks_every_participant_of_a_large_fair():
    profiles = generated_profiles(300)
    history = {(1, 2): History(declined=True), (3, 4): History(already_met=True)}

    result = suggest_all(profiles, history=history)

    assert set(result) == {p.id for p in profiles}
    scores = {}
    for pid, suggestions in result.items():
        assert len(suggestions) == 299
        assert pid not in ranking(suggestions)
        assert suggestions == sorted(suggestions, key=lambda s: (-s.score, s.candidate_id))
        scores.update({(pid, s.candidate_id): s.score for s in suggestions})
    assert all(scores[a, b] == scores[b, a] for a, b in scores)
    assert max(scores.values()) > 0


def test_suggest_all_agrees_with_suggest():
    profiles = generated_profiles(30)

    everyone = suggest_all(profiles, limit=5)

    alone = suggest(profiles[0], profiles[1:], limit=5)
    assert [(s.candidate_id, s.score, s.explain()) for s in everyone[1]] == [
        (s.candidate_id, s.score, s.explain()) for s in alone
    ]


def test_suggest_all_explains_from_each_side():
    a = Profile(1, "A", offers="激光", sectors={"激光"})
    b = Profile(2, "B", seeks="Laser", sectors={"Laser"})

    result = suggest_all([a, b])

    for pid, other_words in ((1, ("Laser",)), (2, ("激光",))):
        shared = factor(result[pid][0], FactorKind.SHARED_SECTORS)
        assert shared.terms[0].right == other_words


# Building profiles from the CRM's records


def company(**fields):
    defaults = dict(id=5, offers="Roboter", seeks="Sensoren", cooperation_interests="Joint Venture", sectors=[])
    return SimpleNamespace(**{**defaults, **fields})


def test_a_participant_brings_its_fair_profile_and_its_company_sectors():
    participant = SimpleNamespace(
        id=3,
        side=SimpleNamespace(value="A"),
        offers="激光",
        seeks=None,
        company=company(sectors=[SimpleNamespace(name="Lasers")]),
    )

    profile = profile_from_participant(participant)

    assert (profile.id, profile.side, profile.offers, profile.seeks) == (3, "A", "激光", "Sensoren")
    assert profile.sectors == {"Lasers"} and profile.interests == "Joint Venture"


def test_a_delegation_member_never_shares_an_id_with_a_company():
    member = SimpleNamespace(id=5, interests="Investment", company=company())

    profile = profile_from_delegation_member(member)
    host = profile_from_company(company(id=5, offers="sensors"), side="B")

    assert profile.id == "member:5" and host.id == 5
    assert profile.interests == "Investment; Joint Venture"
    assert ranking(suggest(profile, [host])) == [5]
