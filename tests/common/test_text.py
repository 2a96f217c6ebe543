from common.text import bigrams, with_han_bigrams


def test_han_runs_become_overlapping_bigrams():
    assert with_han_bigrams("EV 中国汽车出口。车") == "EV  中国 国汽 汽车 车出 出口 。 车 "


def test_a_single_han_character_is_its_own_piece():
    assert bigrams("车") == ["车"]
