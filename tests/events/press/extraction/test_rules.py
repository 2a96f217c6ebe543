from events.press.extraction.candidates import SpeakerGuess
from events.press.extraction.evaluate import evaluate, load_folder
from events.press.extraction.rules import extract
from tests.events.press.extraction.conftest import SUITE

XU = SpeakerGuess(
    "Xu Haidong", "deputy chief engineer", "China Association of Automobile Manufacturers"
)
LUO = SpeakerGuess("Luo Junjie", "executive vice president", "China Machinery Industry Federation")


def found(text):
    return [(c.kind, c.speaker_name, c.text) for c in extract(text)]


def test_the_seed_gives_its_three_quotes_once_each_with_offsets(seed_text):
    candidates = extract(seed_text)
    assert [(c.kind, c.speaker) for c in candidates] == [
        ("reported", LUO),
        ("direct", XU),
        ("direct", XU),
    ]
    for candidate in candidates:
        assert seed_text[candidate.start : candidate.end] == candidate.text
    assert candidates[0].text.startswith("China exported over 3 million vehicles")
    assert candidates[0].start == seed_text.index("China exported")  # the lead, not the body


def test_a_quote_split_around_its_attribution_is_one_quote():
    text = '"We have the permits," Anna Keller told reporters. "What we need is the grid."'
    [candidate] = extract(text)
    assert (candidate.text, candidate.speaker_name) == (
        "We have the permits, What we need is the grid.",
        "Anna Keller",
    )
    assert (candidate.start, candidate.end) == (1, len(text) - 1)


def test_a_surname_no_full_name_stands_for_is_no_one():
    [candidate] = extract('"We are ready," Keller said.')
    assert candidate.speaker is None


def test_a_quote_over_paragraphs_is_one_quote_and_a_following_one_continues_its_speaker():
    text = (
        "Anna Keller, chief executive of Voltaris, spoke.\n\n"
        '"We chose to learn," she said. "It was not brave.\n\n'
        '"We ran out of excuses."\n\n'
        '"Today they train the engineers."'
    )
    assert found(text) == [
        ("direct", "Anna Keller", "We chose to learn, It was not brave. We ran out of excuses."),
        ("direct", "Anna Keller", "Today they train the engineers."),
    ]


def test_titles_slogans_terms_and_fragments_are_not_quotes():
    text = (
        'The summit, themed "From Pilots to Corridors," closed with the slogan "Build it '
        'once, build it together," and talk of a "hydrogen backbone." Her report, '
        '"Counting the Kilometres," was praised.'
    )
    assert found(text) == []


def test_a_fragment_inside_reported_speech_stays_part_of_it():
    text = 'Dr. Sarah Lindqvist, a researcher, said the figures were "too good to be true".'
    assert found(text) == [
        ("reported", "Sarah Lindqvist", 'the figures were "too good to be true".')
    ]


def test_reported_speech_forms():
    text = (
        "Markus Brandt, an analyst at Hauck Research, told the forum that the timing was "
        "tight. He added that costs were rising fast. According to Brandt, demand will "
        "double by 2030. Sales will fall this year, Brandt said."
    )
    assert found(text) == [
        ("reported", "Markus Brandt", "the timing was tight."),
        ("reported", "Markus Brandt", "costs were rising fast."),
        ("reported", "Markus Brandt", "demand will double by 2030."),
        ("reported", "Markus Brandt", "Sales will fall this year"),
    ]


def test_an_unnamed_speaker_gets_no_name():
    text = (
        "An official who asked not to be named said the state would pay. "
        '"We will not wait," the official said.'
    )
    assert found(text) == [
        ("reported", None, "the state would pay."),
        ("direct", None, "We will not wait,"),
    ]


def test_chinese_quotes_reported_speech_and_terms():
    text = (
        "协会副秘书长陈立平表示，今年出口增长很快。\n\n"
        "“出口增长说明品牌有竞争力。”陈立平说，“但政策在变化。”\n\n"
        "嘉宾围绕“新四化”展开讨论。\n\n"
        "梁志遠說：「香港的優勢在於信任。」"
    )
    assert found(text) == [
        ("reported", "陈立平", "今年出口增长很快。"),
        ("direct", "陈立平", "出口增长说明品牌有竞争力。 但政策在变化。"),
        ("direct", "梁志遠", "香港的優勢在於信任。"),
    ]


def test_nothing_to_propose_in_empty_text_or_text_without_quotes():
    assert extract("") == []
    assert extract("   \n\n  ") == []
    assert extract("Jiading will continue to focus on complete vehicles and auto parts.") == []


def test_unbalanced_quote_marks_propose_only_what_is_balanced():
    text = 'He said "this never closes.\n\nA stray ” mark. "This one does," Keller said.'
    assert found(text) == [("direct", None, "This one does,")]


def test_the_suite_meets_the_targets():
    scores = evaluate(load_folder(SUITE), extract)
    assert scores.kinds["direct"].precision >= 0.95
    assert scores.kinds["direct"].recall >= 0.9
    assert scores.kinds["reported"].precision >= 0.8
    assert scores.kinds["reported"].recall >= 0.7
    assert scores.attribution >= 0.9
