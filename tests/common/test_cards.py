import io

import pytest
from django.core.cache import cache
from PIL import Image

from common.cards import HEIGHT, WIDTH, Card, draw, png_for


def _image(png):
    return Image.open(io.BytesIO(png))


def test_a_card_is_a_1200_by_630_png():
    image = _image(draw(Card(title="Exports outlook", lines=("Xu Haidong",), footer="Forum")))
    assert (image.format, image.size) == ("PNG", (WIDTH, HEIGHT)) == ("PNG", (1200, 630))


def test_chinese_is_drawn_with_its_own_glyphs_not_boxes():
    # Were the font missing its glyphs, every character would be the same box.
    first = draw(Card(title="汽车出口"))
    second = draw(Card(title="会议开幕"))
    boxes = draw(Card(title="\U000f0001\U000f0002\U000f0003\U000f0004"))
    assert first != second
    assert boxes not in (first, second)


def test_a_long_title_stays_inside_the_card():
    image = _image(draw(Card(title="出海 " * 80, lines=("x" * 300,), footer="y" * 300)))
    right_margin = image.crop((WIDTH - 60, 0, WIDTH, HEIGHT))
    assert right_margin.getcolors() == [(60 * HEIGHT, (20, 42, 74))]  # only background


def test_the_digest_follows_every_part_of_the_text():
    card = Card(title="A", lines=("B",), footer="C", site="D")
    changed = [
        Card(title="A2", lines=("B",), footer="C", site="D"),
        Card(title="A", lines=("B2",), footer="C", site="D"),
        Card(title="A", lines=("B",), footer="C2", site="D"),
        Card(title="A", lines=("B",), footer="C", site="D2"),
    ]
    assert card.digest == Card(title="A", lines=("B",), footer="C", site="D").digest
    assert len({card.digest, *(c.digest for c in changed)}) == 5


def test_each_card_is_drawn_once_then_read_from_the_shared_cache(monkeypatch):
    cache.clear()
    card = Card(title="Drawn once")
    first = png_for(card)
    monkeypatch.setattr("common.cards.draw", lambda card: pytest.fail("drawn again"))
    assert png_for(card) == first
