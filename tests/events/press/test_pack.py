import csv
import io
import re
import zipfile

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile

from events.models import Session
from events.press import pack
from tests.events.press.conftest import NOW
from tests.factories import (
    AffiliationFactory,
    QuoteFactory,
    RoomFactory,
    SessionFactory,
    SessionParticipantFactory,
    SpeakerFactory,
)

pytestmark = pytest.mark.django_db

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


def _absolute(path):
    return f"https://forums.example{path}"


def _open(data):
    archive = zipfile.ZipFile(io.BytesIO(data))
    return {name: archive.read(name) for name in archive.namelist()}


def _forum_pack(forum, user=None):
    name, data = pack.forum_pack(
        user=user or AnonymousUser(), forum=forum, at=NOW, absolute=_absolute
    )
    return name, _open(data)


def _quote_texts(files):
    rows = csv.DictReader(io.StringIO(files["quotes.csv"].decode("utf-8-sig")))
    return sorted(row["text"] for row in rows)


@pytest.fixture
def speaker_with_photo():
    speaker = SpeakerFactory(name="Xu Haidong", slug="xu-haidong", photo_credit="Li Huacheng")
    speaker.set_current_language("en")
    speaker.bio = "<p>Deputy chief engineer &amp; analyst.</p><p>Second paragraph.</p>"
    speaker.photo.save("xu.png", ContentFile(PNG), save=False)
    speaker.save()
    AffiliationFactory(speaker=speaker, title="deputy chief engineer", organization__name="CAAM")
    return speaker


def test_forum_pack_holds_quotes_speakers_photos_and_agenda(speaker_with_photo):
    session = SessionFactory(title="Going abroad", forum__slug="caf-2023")
    SessionParticipantFactory(session=session, speaker=speaker_with_photo)
    SessionParticipantFactory(session=session, speaker__name="Hidden", speaker__is_published=False)
    QuoteFactory(text="Exports will grow.", speaker=speaker_with_photo, session=session,
                 forum=session.forum)  # fmt: skip
    name, files = _forum_pack(session.forum)
    assert name == "caf-2023-press-pack.zip"
    assert sorted(files) == [
        "README.txt", "agenda.csv", "agenda.md", "photos/xu-haidong.png",
        "quotes.csv", "quotes.md", "speakers.md",
    ]  # fmt: skip
    assert files["photos/xu-haidong.png"] == PNG
    speakers = files["speakers.md"].decode()
    assert "## Xu Haidong\ndeputy chief engineer, CAAM\n" in speakers
    assert "Deputy chief engineer & analyst.\n\nSecond paragraph." in speakers
    assert "Photo: photos/xu-haidong.png. Credit: Li Huacheng." in speakers
    assert "Hidden" not in speakers and "Hidden" not in files["agenda.md"].decode()
    assert "2023-07-06 10:00–11:00 Going abroad" in files["agenda.md"].decode()
    assert "Times in Asia/Shanghai." in files["agenda.md"].decode()
    assert "Going abroad" in files["agenda.csv"].decode("utf-8-sig")
    assert _quote_texts(files) == ["Exports will grow."]
    assert "> Exports will grow." in files["quotes.md"].decode()


def test_forum_pack_visibility_by_role(quotes_by_status, press_user, organizer):
    forum = quotes_by_status["verified"].forum
    assert _quote_texts(_forum_pack(forum)[1]) == ["Verified words."]
    for user in (press_user, organizer):
        files = _forum_pack(forum, user)[1]
        assert _quote_texts(files) == ["Embargoed words.", "Verified words."]
        assert "1 embargoed quotes" in files["README.txt"].decode()


def test_session_pack_holds_the_session_and_its_quotes_only(quotes_by_status):
    session = Session.objects.get(slug="going-abroad")
    QuoteFactory(text="Elsewhere.", forum=session.forum)
    name, data = pack.session_pack(
        user=AnonymousUser(), session=session, at=NOW, absolute=_absolute
    )
    files = _open(data)
    assert name == f"{session.forum.slug}-going-abroad-press-pack.zip"
    assert "session.md" in files and "agenda.csv" not in files
    assert "Going abroad" in files["session.md"].decode()
    assert _quote_texts(files) == ["Verified words."]


def test_embargoed_session_is_labelled_for_press(press_user):
    session = SessionFactory(title="Closed door", embargo_until=NOW.replace(hour=10))
    files = _forum_pack(session.forum, press_user)[1]
    assert "EMBARGOED until July 7, 2023, 18:00 (Asia/Shanghai, UTC+08:00)" in (
        files["agenda.md"].decode()
    )
    assert "Closed door" not in _forum_pack(session.forum)[1]["agenda.md"].decode()


def test_markdown_files_keep_html_in_names_titles_and_bios_as_text():
    """Markdown renderers pass raw HTML through: every < in the pack's .md files is escaped."""
    payload = "<script>alert(1)</script><img src=x onerror=alert(1)>"
    speaker = SpeakerFactory(name=f"Xu {payload}", name_native=payload, photo_credit=payload)
    speaker.bio = f"<p>Typed: &lt;script&gt;alert(1)&lt;/script&gt; {payload}</p>"
    speaker.save()
    AffiliationFactory(speaker=speaker, title=payload, organization__name=payload)
    session = SessionFactory(title=f"Panel {payload}", abstract="<p>&lt;img src=x&gt;</p>",
                             forum__name=payload, room=RoomFactory(name=payload))  # fmt: skip
    SessionParticipantFactory(session=session, speaker=speaker)
    files = _forum_pack(session.forum)[1]
    for name in ("speakers.md", "agenda.md"):
        text = files[name].decode()
        assert "alert(1)" in text, name  # the fields are in the file...
        assert re.search(r"(?<!\\)<", text) is None, name  # ...and never as markup
