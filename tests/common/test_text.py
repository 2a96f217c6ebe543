from common.text import bigrams, fill, plain_text, with_han_bigrams


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


def test_fill_sets_latin_pieces_apart_from_chinese_and_from_each_other():
    template = "%(organization)s%(title)s%(name)s于%(date)s在%(city)s举行"
    english = {"organization": "CAAM", "title": "deputy chief engineer", "name": "Xu Haidong"}
    chinese = {"organization": "中国汽车工业协会", "title": "副总工程师", "name": "许海东"}
    day = {"date": "2023年7月6日"}
    assert fill(template, **english, **day, city="Shanghai") == (
        "CAAM deputy chief engineer Xu Haidong 于2023年7月6日在 Shanghai 举行"
    )
    assert fill(template, **chinese, **day, city="上海") == (
        "中国汽车工业协会副总工程师许海东于2023年7月6日在上海举行"
    )
    assert fill(template, **chinese, **day, city="上海").count(" ") == 0


def test_fill_changes_nothing_inside_a_piece_nor_beside_punctuation():
    assert fill("%(name)s，%(role)s", name="Xu Haidong", role="CAAM 副总工程师") == (
        "Xu Haidong，CAAM 副总工程师"
    )
    assert fill("%(name)s, %(title)s of the %(organization)s", name="Xu", title="chief",
                organization="CAAM") == "Xu, chief of the CAAM"  # fmt: skip
    assert fill("“%(text)s”", text="NEV出口") == "“NEV出口”"
