import pytest

from events.press.extraction import phrases, phrases_zh
from events.press.extraction.phrases import NAME, PRONOUN, SURNAME, TITLE, UNNAMED, Mention


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        (
            "Luo Junjie, executive vice president of the China Machinery Industry Federation,",
            Mention(NAME, "Luo Junjie", "executive vice president",
                    "China Machinery Industry Federation"),
        ),
        (
            "Speaking at the forum, Markus Brandt, an analyst at Hauck Research in Frankfurt,",
            Mention(NAME, "Markus Brandt", "analyst", "Hauck Research"),
        ),
        ("Belgian economy minister Sophie Lambert", Mention(NAME, "Sophie Lambert",
                                                           "economy minister")),
        ("BYD Chairman Wang Chuanfu", Mention(NAME, "Wang Chuanfu", "Chairman", "BYD")),
        ("de Vries", Mention(SURNAME, "de Vries")),
        ("She", Mention(PRONOUN)),
        ("The researcher", Mention(TITLE, title="researcher")),
        ("An official who asked not to be named,", Mention(UNNAMED, title="official")),
        ("Analysts", Mention(UNNAMED, title="")),
    ],
)  # fmt: skip
def test_subject_reads_names_appositions_pronouns_and_roles(phrase, expected):
    assert phrases.subject(phrase) == expected


def test_subject_refuses_a_clause_that_is_no_speaker():
    assert phrases.subject("The company's shares rose and") is None
    assert phrases.subject("Sales rose in China,") is None


def test_inverted_reads_the_speaker_after_the_verb():
    mention = phrases.inverted(
        "Xu Haidong, deputy chief engineer of the China Association of Automobile Manufacturers"
    )
    assert mention == Mention(
        NAME, "Xu Haidong", "deputy chief engineer", "China Association of Automobile Manufacturers"
    )


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("中国汽车流通研究会副秘书长陈立平在主旨演讲中", Mention(NAME, "陈立平", "副秘书长",
                                                             "中国汽车流通研究会")),
        ("他又", Mention(PRONOUN)),
        ("一位不愿具名的合资企业负责人", Mention(UNNAMED)),
        ("主办方", Mention(phrases.OTHER)),
    ],
)  # fmt: skip
def test_zh_subject(phrase, expected):
    assert phrases_zh.zh_subject(phrase) == expected
