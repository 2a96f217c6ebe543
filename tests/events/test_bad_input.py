"""Bad input on every public URL: an unknown slug is a 404, garbage parameters are
ignored (200) or refused (400), and nothing answers 500.

The test client re-raises a view's exception, so a crash fails here with its traceback.
NUL bytes and out-of-range integers are the cases that reach the database: PostgreSQL
refuses NUL in a string, and both databases have a largest integer.
"""

import pytest

from events.models import Quote
from tests.events.public_data import build_forum

pytestmark = pytest.mark.django_db

HUGE = "9" * 30
GARBAGE = {
    "day": ["xx", "2023-02-30", "\x00", HUGE],
    "room": ["abc", HUGE, "-1", "\x00"],
    "topic": ["\x00", "../../etc/passwd", "%00", "<script>"],
    "kind": ["\x00", "keynote\x00", "x" * 5000],
    "page": ["abc", "-1", HUGE, "\x00", "1e3"],
    "q": ["\x00", "x" * 5000, '"', "*"],
    "forum": ["\x00", HUGE], "session": ["not-a-uuid", "\x00"], "speaker": ["\x00", "abc"],
    "organization": ["\x00"], "language": ["xx\x00"], "date_from": ["0000-00-00", "\x00"],
    "date_to": [HUGE], "format": ["\x00"], "lang": ["\x00"],
}  # fmt: skip


@pytest.fixture
def forum(site_pages):
    forum, sessions = build_forum(2)
    return forum, sessions


def _public_pages(forum, sessions):
    session = sessions[0]
    speaker = session.participants.first().speaker
    topic = session.topics.first()
    quote = Quote.objects.filter(session=session).first()
    pages = [
        forum.get_absolute_url(),
        session.get_absolute_url(),
        speaker.get_absolute_url(),
        topic.get_absolute_url(),
        quote.get_absolute_url(),
        "/en/forums/",
        "/en/speakers/",
        "/en/topics/",
        "/en/press/",
        f"/en/forums/{forum.slug}/sessions.rss",
        f"/en/forums/{forum.slug}/calendar.ics",
        f"/en/forums/{forum.slug}/{session.slug}/calendar.ics",
        "/en/forums/quotes.atom",
    ]
    return pages + [_zh(path) for path in pages[:5]]


def _zh(path):
    return path.replace("/en/", "/zh-hans/", 1)


def _answers(client, path, requests):
    wrong = {}
    for params in requests:
        status = client.get(path, params).status_code
        if status not in (200, 400):
            wrong[(path, str(params))] = status
    return wrong


def test_garbage_parameters_are_ignored_or_refused_never_a_crash(client, forum):
    """The agenda and the press room read parameters: each garbage value on its own, since
    the first refused one would hide the rest. The other pages get them all at once."""
    one_by_one = [{name: value} for name, values in GARBAGE.items() for value in values]
    all_at_once = [{name: values[i % len(values)] for name, values in GARBAGE.items()}
                   for i in range(5)]  # fmt: skip
    answers = {}
    for path in _public_pages(*forum):
        reads_parameters = path.rstrip("/").endswith(("/press", forum[0].slug))
        answers |= _answers(client, path, one_by_one if reads_parameters else all_at_once)
    assert answers == {}


def test_garbage_agenda_filters_show_the_whole_agenda(client, forum):
    forum_obj, sessions = forum
    response = client.get(
        forum_obj.get_absolute_url(), {"day": "xx", "room": "abc", "topic": "\x00", "kind": "?"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert all(str(session) in html for session in sessions)
    assert "No sessions match these filters." not in html


@pytest.mark.parametrize(
    "path",
    [
        "/en/forums/no-such-forum/",
        "/en/forums/no-such-forum/no-such-session/",
        "/en/forums/no-such-forum/sessions.rss",
        "/en/forums/no-such-forum/sessions.atom",
        "/en/forums/no-such-forum/calendar.ics",
        "/en/forums/no-such-forum/no-such-session/calendar.ics",
        "/en/forums/quotes/0/",
        f"/en/forums/quotes/{HUGE}/",
        "/en/speakers/no-such-speaker/",
        "/en/topics/no-such-topic/",
        "/en/press/pack/no-such-forum/",
        "/en/press/pack/no-such-forum/no-such-session/",
        "/zh-hans/forums/no-such-forum/",
        "/zh-hans/speakers/no-such-speaker/",
        "/en/forums/%E4%B8%AD%E6%96%87/",
        "/en/speakers/%E4%B8%AD%E6%96%87/",
        "/en/topics/a%00b/",
        "/en/forums/..%2F..%2Fetc/",
        "/en/no-such-page/",
    ],
)
def test_unknown_or_malformed_slugs_are_404(client, forum, path):
    assert client.get(path).status_code == 404
