from events.press.extraction.marks import find_quoted
from events.press.extraction.text import paragraphs


def passages(text):
    return [
        [text[p.start : p.end] for p in quoted.parts]
        for quoted in find_quoted(text, paragraphs(text))
    ]


def test_straight_and_curly_marks_pair_by_position_even_when_mixed():
    text = 'He said "one,” and “two." Then "three.”'
    assert passages(text) == [["one,"], ["two."], ["three."]]


def test_corner_brackets_pair_and_hold_other_marks():
    assert passages("他說：「我們說“新四化”。」") == [["我們說“新四化”。"]]


def test_chinese_curly_marks_without_spaces_follow_their_shape():
    assert passages("围绕“新四化”“双碳目标”等话题") == [["新四化"], ["双碳目标"]]


def test_a_quote_over_two_paragraphs_is_one_passage():
    text = '"First part.\n\n"Second part," she said.'
    assert passages(text) == [["First part.", "Second part,"]]


def test_a_passage_left_open_at_the_end_of_its_paragraph_is_dropped():
    text = 'He said "never closed.\n\nNext paragraph "closed."'
    assert passages(text) == [["closed."]]


def test_a_stray_closing_mark_and_an_inch_mark_are_ignored():
    assert passages('He is 6\'2" tall. ” And "yes."') == [["yes."]]
