from events.press.extraction import attribution
from events.press.extraction.phrases import NAME, PRONOUN, SURNAME, TITLE, UNNAMED, Mention


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
