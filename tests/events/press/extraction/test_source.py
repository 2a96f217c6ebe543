import datetime as dt

import pytest

from events.press.extraction.source import article_language, source_details


def test_the_seed_gives_its_glued_date_and_its_byline_alone_on_a_line(seed_text):
    assert source_details(seed_text) == {
        "title": "",
        "author": "Li Huacheng",
        "published_on": dt.date(2023, 7, 21),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Plant opens\n\nBy Daniel Osei\n\nSUZHOU - It opened.",
         {"title": "Plant opens", "author": "Daniel Osei", "published_on": None}),
        ("FOR IMMEDIATE RELEASE\n\nPort record\n\nSINGAPORE, 14 February 2024 - It grew.",
         {"title": "Port record", "author": "", "published_on": dt.date(2024, 2, 14)}),
        ("DUBLIN, Oct 9, 2023 (Wire) - It flew.\n\n(Reporting by Niamh Byrne; Editing by P)",
         {"title": "", "author": "Niamh Byrne", "published_on": dt.date(2023, 10, 9)}),
        ("电池回收\n\n本报记者 刘海燕\n\n2023年9月20日，大会开幕。",
         {"title": "电池回收", "author": "刘海燕", "published_on": dt.date(2023, 9, 20)}),
        ("No details here at all.", {"title": "", "author": "", "published_on": None}),
        ("Bad date 2023-02-30 in it.\n\nMore.", {"title": "", "author": "",
                                                "published_on": None}),
    ],
)  # fmt: skip
def test_source_details(text, expected):
    assert source_details(text) == expected


def test_article_language():
    assert article_language("他说，出口增长很快。") == "zh-hans"
    assert article_language("Exports grew, he said, in 中国.") == "en"
    assert article_language("") == "en"
