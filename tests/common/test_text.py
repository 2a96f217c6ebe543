from common.text import bigrams, plain_text, spaced_between_han_and_latin, with_han_bigrams


def test_han_runs_become_overlapping_bigrams():
    assert with_han_bigrams("EV 中国汽车出口。车") == "EV  中国 国汽 汽车 车出 出口 。 车 "


def test_a_single_han_character_is_its_own_piece():
    assert bigrams("车") == ["车"]


def test_plain_text_drops_tags_decodes_entities_and_collapses_whitespace():
    html = '<p>R&amp;D <a href="https://x.test/?a=1&amp;b=2" title="a&gt;b">at\n  CAAM</a></p>'
    assert plain_text(html) == "R&D at CAAM"


def test_plain_text_of_nothing_is_empty():
    assert plain_text(None) == "" and plain_text("") == ""


def test_plain_text_keeps_paragraphs_apart_and_inline_markup_joined():
    assert plain_text("<p>第一段。</p><p>第二<b>段</b>。<br>End</p>") == "第一段。 第二段。 End"


def test_a_space_sets_latin_apart_from_han_and_nothing_else_changes():
    assert spaced_between_han_and_latin("副总工程师Xu Haidong") == "副总工程师 Xu Haidong"
    assert spaced_between_han_and_latin("BYD副总裁") == "BYD 副总裁"
    assert spaced_between_han_and_latin("中国汽车工业协会副总工程师许海东") == (
        "中国汽车工业协会副总工程师许海东"
    )
    assert spaced_between_han_and_latin("Xu Haidong, CAAM") == "Xu Haidong, CAAM"
