"""The printable programme: /<lang>/forums/<slug>/programme.pdf."""

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from events.models import Session, SessionParticipant
from events.public import programme
from tests.events.public_data import build_forum, translate
from tests.events.querycount import queries_for, warm_up
from tests.factories import (
    AffiliationFactory,
    ForumFactory,
    PanelTopicFactory,
    RoomFactory,
    SessionFactory,
    SessionParticipantFactory,
    SpeakerFactory,
    shanghai,
)

pytestmark = pytest.mark.django_db

# The CMS resolving the apphook page, the forum, and the agenda rows (as the iCal), with
# the rooms' and the venue's names.
PROGRAMME_BUDGET = 17


def _url(forum, language="en"):
    return f"/{language}/forums/{forum.slug}/programme.pdf"


def _text(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages), reader


@pytest.fixture
def forum(site_pages):
    forum = ForumFactory(slug="auto-forum", name="China Auto Forum")
    translate(forum, name="中国汽车论坛")
    hall_a, hall_b = (
        RoomFactory(venue=forum.venue, name="Hall A"),
        RoomFactory(venue=forum.venue, name="Hall B"),
    )
    speaker = SpeakerFactory(name="Xu Haidong", name_native="许海东")
    AffiliationFactory(
        speaker=speaker,
        organization__name="CAAM",
        title="deputy chief engineer",
        start_date=dt.date(2020, 1, 1),
        end_date=dt.date(2023, 12, 31),
    )
    AffiliationFactory(
        speaker=speaker, organization__name="CAAM", title="chief engineer",
        start_date=dt.date(2024, 1, 1),
    )  # fmt: skip
    topic = PanelTopicFactory(title="Going abroad")
    translate(topic, title="汽车企业出海")
    keynote = SessionFactory(
        forum=forum, room=hall_b, title="Exports outlook", starts_at=shanghai(6, 9)
    )
    translate(keynote, title="汽车出口的未来")
    keynote.topics.add(topic)
    SessionParticipantFactory(session=keynote, speaker=speaker)
    panel = SessionFactory(forum=forum, room=hall_a, title="Opening up", starts_at=shanghai(7, 14))
    SessionParticipantFactory(
        session=panel, speaker=speaker, role=SessionParticipant.Role.MODERATOR
    )
    SessionFactory(
        forum=forum, room=hall_a, title="Draft panel", status=Session.Status.DRAFT,
        starts_at=shanghai(6, 11),
    )  # fmt: skip
    return forum


def test_programme_lists_days_rooms_sessions_speakers_with_that_days_title_and_topics(
    client, forum
):
    text, reader = _text(client, _url(forum))
    assert reader.metadata.title == "China Auto Forum"
    for expected in (
        "China Auto Forum", "Exports outlook", "Hall A", "Hall B", "09:00",
        "Xu Haidong, deputy chief engineer, CAAM", "Topics: Going abroad",
        "(moderator)", "Opening up", "All times are local time (GMT+8, Shanghai).",
    ):  # fmt: skip
        assert expected in text, expected
    assert "chief engineer, CAAM" not in text.replace("deputy chief engineer", "")
    assert "Draft panel" not in text
    # By day, then room: the 6 July keynote comes before the 7 July panel.
    assert text.index("Exports outlook") < text.index("Opening up")


def test_chinese_programme_has_the_chinese_titles(client, forum):
    text, _reader = _text(client, _url(forum, "zh-hans"))
    assert "中国汽车论坛" in text
    assert "汽车出口的未来" in text
    assert "汽车企业出海" in text
    assert "许海东" in text


def test_the_chinese_glyphs_are_embedded_so_no_reader_draws_boxes(client, forum):
    response = client.get(_url(forum, "zh-hans"))
    reader = PdfReader(io.BytesIO(response.content))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    embedded = []
    for ref in fonts.values():
        font = ref.get_object()
        for descendant in font.get("/DescendantFonts", [font]):
            descriptor = descendant.get_object().get("/FontDescriptor")
            if descriptor and "/FontFile2" in descriptor.get_object():
                embedded.append(str(font["/BaseFont"]))
    assert embedded, "the CJK font must be embedded (fonts-wqy-zenhei, installed by make)"


def test_markup_in_a_title_is_printed_not_obeyed(client, site_pages):
    forum = ForumFactory(slug="markup")
    SessionFactory(forum=forum, title='<img src="/etc/hostname"/> <b>R&D</b> <font size=40>x')
    text, _reader = _text(client, _url(forum))
    assert '<img src="/etc/hostname"/> <b>R&D</b> <font size=40>x' in text


def test_a_draft_forum_has_no_programme(client, site_pages):
    forum = ForumFactory(slug="draft-forum", status="draft")
    assert client.get(_url(forum)).status_code == 404


def test_the_same_agenda_gives_the_same_bytes(client, forum):
    # A stable body keeps ETags and the cached tier's 304s meaningful.
    assert client.get(_url(forum)).content == client.get(_url(forum)).content


def test_the_agenda_page_links_its_programme(client, forum):
    response = client.get(forum.get_absolute_url())
    assert _url(forum).encode() in response.content


def test_programme_query_counts_do_not_grow(client, site_pages):
    small, _sessions = build_forum(1)
    warm_up(client, _url(small))
    small_count = queries_for(client, _url(small))
    big, sessions = build_forum(50)
    for _ in range(49):
        SessionParticipantFactory(session=sessions[0], speaker=AffiliationFactory().speaker)
    assert queries_for(client, _url(big)) == small_count <= PROGRAMME_BUDGET


def test_the_separators_between_people_and_topics_are_translatable(client, forum, monkeypatch):
    # The zh-hans programme read "…（主持人）; 许海东, …" and "议题：A, B": both separators
    # were written into the code, half-width in Chinese.
    panel = forum.sessions.get(translations__title="Opening up")
    SessionParticipantFactory(session=panel, speaker=SpeakerFactory(name="Luo Junjie"))
    panel.topics.add(PanelTopicFactory(title="Trade"), PanelTopicFactory(title="Ships"))
    zh = {"between the people of a session": "；", "between the topics of a session": "、"}
    monkeypatch.setattr(programme, "pgettext", lambda context, message: zh.get(context, message))
    text, _reader = _text(client, _url(forum))
    assert "(moderator)；Luo Junjie" in text
    assert "Ships、Trade" in text or "Trade、Ships" in text
