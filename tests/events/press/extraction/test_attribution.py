import pytest

from events.press.extraction import attribution
from events.press.extraction.attribution import NAME, PRONOUN, SURNAME, TITLE, UNNAMED, Mention


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
    assert attribution.subject(phrase) == expected


def test_subject_refuses_a_clause_that_is_no_speaker():
    assert attribution.subject("The company's shares rose and") is None
    assert attribution.subject("Sales rose in China,") is None


def test_inverted_reads_the_speaker_after_the_verb():
    mention = attribution.inverted(
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
        ("主办方", Mention(attribution.OTHER)),
    ],
)  # fmt: skip
def test_zh_subject(phrase, expected):
    assert attribution.zh_subject(phrase) == expected


def test_speakers_resolve_pronouns_surnames_and_titles_to_the_speaker_last_named():
    speakers = attribution.Speakers()
    keller, _ = speakers.resolve(Mention(NAME, "Anna Keller", "chief executive", "Voltaris"))
    brandt, _ = speakers.resolve(Mention(NAME, "Markus Brandt", "analyst"))
    assert speakers.resolve(Mention(PRONOUN)) == (brandt, True)
    assert speakers.resolve(Mention(SURNAME, "Keller")) == (keller, True)
    assert speakers.resolve(Mention(PRONOUN)) == (keller, True)
    assert speakers.resolve(Mention(TITLE, title="analyst")) == (brandt, True)


def test_speakers_give_no_name_to_someone_unnamed_and_he_is_then_that_someone():
    speakers = attribution.Speakers()
    speakers.resolve(Mention(NAME, "Anna Keller"))
    assert speakers.resolve(Mention(UNNAMED, title="official")) == (None, True)
    assert speakers.resolve(Mention(PRONOUN)) == (None, True)


def test_a_surname_finds_a_full_name_the_article_gave_earlier_anywhere():
    index = attribution.NameIndex([(10, ["Lin", "Mei"])])
    speakers = attribution.Speakers(index)
    guess, is_person = speakers.resolve(Mention(SURNAME, "Lin"), position=50)
    assert (guess.name, is_person) == ("Lin Mei", True)
    assert attribution.Speakers(index).resolve(Mention(SURNAME, "Lin"), 5) == (None, False)


def test_a_later_apposition_completes_what_is_known_of_a_speaker():
    speakers = attribution.Speakers()
    first, _ = speakers.resolve(Mention(NAME, "Luo Junjie", organization="CMIF"))
    speakers.resolve(Mention(NAME, "Luo Junjie", title="executive vice president"))
    assert speakers.current(first).title == "executive vice president"
    assert speakers.current(first).organization == "CMIF"
