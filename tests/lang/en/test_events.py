"""English sentences the project wrote, and the facts they state."""
import pytest

import sampark


def facts_of(text, **kw):
    return sampark.extract(text, lang="en", doc_id="t", **kw)



# fmt: off
CASES = [
    ("India and Bangladesh established diplomatic relations on 6 December 1971.",
     "relations_established", ["IND", "BGD"], "1971-12-06", False),
    ("Japan recognised Bangladesh in February 1972.", "relations_established", ["JPN", "BGD"], "1972-02", False),
    ("Relations were restored in 1993 after a decade-long break.", "relations_restored", ["IND", "ISR"], "1993", False),
    ("China has an embassy in Dhaka and a consulate in Chittagong.", "mission_opened", ["CHN", "BGD"], "any", True),
    ("Brazil opened an embassy in New Delhi in 1948.", "mission_opened", ["BRA", "IND"], "1948", True),
    ("Prime Minister Narendra Modi visited Dhaka in June 2015.", "visit", ["IND", "BGD"], "2015-06", True),
    ("In March 2005, Venezuelan President Hugo Chávez paid a state visit to India.", "visit", ["VEN", "IND"], "2005-03", True),
    ("The two countries signed a free trade agreement in 2004.", "agreement_signed", ["IND", "ISR"], "2004", False),
    ("India and Japan are negotiating a civil nuclear agreement.", "agreement_negotiated", ["IND", "JPN"], "any", False),
    ("Bilateral trade between India and Brazil reached US$3.12 billion in 2007.",
     "trade_volume", ["IND", "BRA"], "2007", False),
    ("India imposed a ban on imports of Chinese mobile apps in 2020.", "sanction", ["IND", "CHN"], "2020", True),
    ("Russia supplied S-400 missile systems to India.", "arms_transfer", ["RUS", "IND"], "any", True),
    ("India condemned Pakistan for the attack.", "statement", ["IND", "PAK"], "any", True),
    ("Relations between India and Nepal deteriorated in 2015.", "relations_strained", ["IND", "NPL"], "2015", False),
    ("India and Pakistan fought a war in 1965.", "conflict", ["IND", "PAK"], "1965", False),
    ("Japan provided aid to Sri Lanka after the 2004 tsunami.", "aid", ["JPN", "LKA"], "any", True),
    ("Since the 1990s, India–Taiwan relations have improved.", "relations_improved", ["IND", "TWN"], "199X/..", False),
    ("Sheikh Hasina met Xi Jinping in Beijing in July 2024.", "meeting", ["BGD", "CHN"], "2024-07", False),
]
# fmt: on


@pytest.mark.parametrize("text, ftype, actors, date, directed", CASES)
def test_events_en_sentence(text, ftype, actors, date, directed, has_fact):
    facts = facts_of(text, title="India–Israel relations")
    assert has_fact(facts, ftype, actors, date, directed), facts


def test_events_en_partners_in_a_list_are_facts_each():
    facts = facts_of("India has embassies in Tokyo, Seoul and Hanoi.")
    hosts = sorted(f["actors"][1] for f in facts if f["type"] == "mission_opened")
    assert hosts == ["JPN", "KOR", "VNM"]


def test_events_en_not_signed_is_no_agreement():
    facts = facts_of("India has not signed any agreement with Bhutan on this.")
    assert not [f for f in facts if f["type"] == "agreement_signed"]


def test_events_en_cue_inside_a_longer_word_is_no_cue():
    assert facts_of("India attaches great importance to Brazil.") == []


def test_events_en_wiki_table_rows_are_facts():
    raw = """'''Foreign relations of Chile''' are many.

==Diplomatic relations==
List of countries which Chile maintains diplomatic relations with:
{| class="wikitable"
!#
!Country
!Date
|-
|1
|{{flag|Peru}}
|{{dts|3 May 1822}}
|-
|2
|{{flag|Argentina}}
|{{dts|1827}}
|}
"""
    facts = sampark.extract(raw, lang="en", doc_id="t", fmt="wikitext", title="Foreign relations of Chile")
    rows = {(f["actors"][1], f["date"]) for f in facts if f["type"] == "relations_established"}
    assert rows == {("PER", "1822-05-03"), ("ARG", "1827")}
    for f in facts:
        ev = f["evidence"][0]
        assert raw[ev["start"]:ev["end"]] == ev["text"]


def test_events_en_wiki_table_about_stamps_is_not_read():
    raw = """==Stamps==
Countries commemorating anniversaries of diplomatic relations with Chile:
{| class="wikitable"
! Year !! Country !! Anniversary
|-
| 1972 || {{PER}} || 150th
|}
"""
    facts = sampark.extract(raw, lang="en", doc_id="t", fmt="wikitext", title="Foreign relations of Chile")
    assert facts == []


def test_events_en_news_dateline_anchors_weekdays(has_fact):
    text = ("DHAKA, Nov 24, 2025 (Reuters) - Bangladesh and Pakistan signed an agreement on direct trade "
            "on Tuesday, officials said.")
    assert has_fact(facts_of(text), "agreement_signed", ["BGD", "PAK"], "2025-11-18")


# fmt: off
@pytest.mark.parametrize("text, exporter, importer, goods", [
    ("Nepal imports rice from India.", "IND", "NPL", ["rice"]),
    ("India exported 2 million tonnes of wheat to Bangladesh.", "IND", "BGD", ["wheat"]),
    ("India's main exports to Nepal include petroleum products, vehicles and medicines.",
     "IND", "NPL", ["petroleum products", "vehicles", "medicines"]),
])
# fmt: on
def test_events_en_traded_goods_as_written(text, exporter, importer, goods):
    facts = [f for f in facts_of(text) if f["type"] == "trade_goods"]
    assert [(f["actors"], f["attrs"]["goods"]) for f in facts] == [([exporter, importer], goods)]


def test_events_en_on_weekday_in_a_report_of_that_day_is_that_day(has_fact):
    text = "DHAKA, June 22, 2024 (AP) - Bangladesh and India signed seven agreements on Saturday."
    assert has_fact(facts_of(text), "agreement_signed", ["BGD", "IND"], "2024-06-22")


# One-sentence news reports, written for the project, and the fact each states.
# fmt: off
NEWS = [
    ('Chinese Foreign Minister Wang Yi met his Indian counterpart S. Jaishankar in New Delhi on Monday.', 'meeting', ['CHN', 'IND']),
    ('Bhutan and Bangladesh signed a preferential trade agreement in December 2020.', 'agreement_signed', ['BTN', 'BGD']),
    ('The Maldives president arrived in India on a three-day state visit.', 'visit', ['MDV', 'IND']),
    ('Bangladesh imported goods worth $22 billion from China in 2023-24.', 'trade_volume', ['CHN', 'BGD']),
    ("Saudi Arabia strongly condemned Israel's attack on Gaza.", 'statement', ['SAU', 'ISR']),
    ('Turkey bought the S-400 missile defence system from Russia.', 'arms_transfer', ['RUS', 'TUR']),
    ('The United States imposed new sanctions on Russia.', 'sanction', ['USA', 'RUS']),
    ('China and Pakistan began a joint military exercise.', 'cooperation', ['CHN', 'PAK']),
    ('Indian and Chinese troops clashed on the border in the Galwan Valley in June 2020.', 'conflict', ['IND', 'CHN']),
    ('South Korea will open a consulate in Chittagong.', 'mission_opened', ['KOR', 'BGD']),
    ('Relations between Vietnam and the United States have deepened.', 'relations_improved', ['VNM', 'USA']),
    ('Japan donated 1.5 million doses of vaccine to Bangladesh.', 'aid', ['JPN', 'BGD']),
    ("Sri Lanka's president praised China's support.", 'statement', ['LKA', 'CHN']),
    ('India established full diplomatic relations with Israel in 1992.', 'relations_established', ['IND', 'ISR']),
    ('India banned onion exports to Bangladesh.', 'sanction', ['IND', 'BGD']),
    ('Qatar and the United Arab Emirates restored diplomatic ties in 2023.', 'relations_restored', ['QAT', 'ARE']),
    ('Pakistan and Afghanistan are negotiating a transit trade agreement.', 'agreement_negotiated', ['PAK', 'AFG']),
    ('Nepal exports electricity to India.', 'trade_goods', ['NPL', 'IND']),
    ('Russia severed diplomatic relations with Georgia in 2008.', 'relations_severed', ['RUS', 'GEO']),
    ('France recalled its ambassador from Australia.', 'mission_closed', ['FRA', 'AUS']),
]
# fmt: on


@pytest.mark.parametrize("text, ftype, actors", NEWS)
def test_events_en_one_sentence_news(text, ftype, actors, has_fact):
    facts = facts_of(text)
    directed = any(f["directed"] for f in facts if f["type"] == ftype)
    assert has_fact(facts, ftype, actors, directed=directed), facts
