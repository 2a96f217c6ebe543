import datetime as dt

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.core.management import CommandError, call_command
from django.utils import translation

from events.demo import data
from events.demo.loader import demo_forum_load
from events.models import Forum, PanelTopic, Quote, Session
from speakers.models import Organization, Speaker
from tests.factories import ForumFactory, QuoteFactory, SpeakerFactory

pytestmark = pytest.mark.django_db

SLUG = "china-auto-forum-2023"


@pytest.fixture
def forum():
    return demo_forum_load().forum


def _rows():
    """Every row of our apps, translations and m2m tables included."""
    models = [
        model
        for label in ("events", "speakers")
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    ]
    return {model._meta.label: list(model.objects.order_by("pk").values()) for model in models}


def _in(language, obj, field):
    obj.set_current_language(language)
    return getattr(obj, field)


def test_forum_dates_place_and_translations(forum):
    assert (forum.start_date, forum.end_date) == (dt.date(2023, 7, 6), dt.date(2023, 7, 7))
    assert forum.time_zone == "Asia/Shanghai"
    assert forum.status == Forum.Status.PUBLISHED
    assert _in("en", forum, "name") == "2023 China Auto Forum"
    assert _in("zh-hans", forum, "name") == "2023中国汽车论坛"
    assert (forum.venue.district, forum.venue.city) == ("Jiading District", "Shanghai")


def test_venue_and_rooms_in_english_and_chinese(forum):
    venue = forum.venue
    fields = ("name", "district", "city", "country")
    assert [_in("en", venue, f) for f in fields] == [
        "Jiading forum venue (illustrative)",
        "Jiading District",
        "Shanghai",
        "China",
    ]
    chinese = [_in("zh-hans", venue, f) for f in fields]
    assert chinese == ["嘉定论坛会场（示例）", "嘉定区", "上海", "中国"]
    rooms = {(_in("en", r, "name"), _in("zh-hans", r, "name")) for r in venue.rooms.all()}
    assert rooms == {("Main Hall", "主会场"), ("Panel Hall", "分会场")}


def test_sessions_are_in_their_rooms(forum):
    opening = forum.sessions.get(slug="opening")
    assert _in("en", opening.room, "name") == "Main Hall"


def test_description_labels_the_agenda_illustrative_in_both_languages(forum):
    assert "Illustrative agenda." in _in("en", forum, "description")
    assert "示例议程" in _in("zh-hans", forum, "description")


def test_panel_topics_in_english_and_chinese(forum):
    titles = {(_in("en", t, "title"), _in("zh-hans", t, "title")) for t in PanelTopic.objects.all()}
    assert titles == {
        ("Chinese auto enterprises going abroad", "中国汽车企业出海"),
        ("High-level opening up", "高水平对外开放"),
    }


def test_speakers_are_published_without_a_guessed_native_name(forum):
    speakers = Speaker.objects.order_by("slug")
    assert [(s.slug, s.name, s.name_native, s.is_published) for s in speakers] == [
        ("luo-junjie", "Luo Junjie", "", True),
        ("xu-haidong", "Xu Haidong", "", True),
    ]


def test_organizations_and_titles(forum):
    caam = Organization.objects.get(short_name="CAAM")
    assert _in("zh-hans", caam, "name") == "中国汽车工业协会"
    cmif = Organization.objects.get(slug="china-machinery-industry-federation")
    assert _in("en", cmif, "name") == "China Machinery Industry Federation"
    assert _in("zh-hans", cmif, "name") == "中国机械工业联合会"
    xu = Speaker.objects.get(slug="xu-haidong").affiliations.get()
    assert (_in("en", xu, "title"), _in("zh-hans", xu, "title")) == (
        "deputy chief engineer",
        "副总工程师",
    )
    luo = Speaker.objects.get(slug="luo-junjie").affiliations.get()
    assert (_in("en", luo, "title"), _in("zh-hans", luo, "title")) == (
        "executive vice president",
        "常务副会长",
    )


def test_agenda_has_opening_keynotes_a_panel_per_topic_breaks_and_closing(forum):
    kinds = list(forum.sessions.order_by("starts_at").values_list("kind", flat=True))
    assert kinds == [
        "opening", "keynote", "keynote", "break", "panel", "break", "panel", "break", "closing",
    ]  # fmt: skip
    for panel in forum.sessions.filter(kind="panel"):
        assert panel.topics.count() == 1
        assert panel.participants.filter(role="moderator").count() == 1
        assert panel.participants.filter(role="panelist").count() == 1
    keynote_speakers = forum.sessions.filter(kind="keynote").values_list(
        "participants__speaker__slug", flat=True
    )
    assert sorted(keynote_speakers) == ["luo-junjie", "xu-haidong"]


def test_sessions_are_stored_in_utc_and_titled_in_both_languages(forum):
    opening = forum.sessions.get(slug="opening")
    assert opening.starts_at == dt.datetime(2023, 7, 6, 1, 0, tzinfo=dt.UTC)
    for session in Session.objects.all():
        assert _in("en", session, "title") != _in("zh-hans", session, "title")
    panel = forum.sessions.get(slug="panel-high-level-opening-up")
    assert _in("zh-hans", panel, "title") == "圆桌讨论：高水平对外开放"


def test_article_is_the_source_of_every_quote(forum):
    quotes = Quote.objects.select_related("source")
    assert {(q.source.author, q.source.published_on, q.source.kind) for q in quotes} == {
        ("Li Huacheng", dt.date(2023, 7, 21), "article")
    }
    assert quotes[0].source.publication == "Publication unknown"


def test_three_verified_quotes_said_on_the_first_day(forum):
    quotes = Quote.objects.order_by("pk")
    assert [(q.speaker.slug, q.kind, q.status, q.said_on) for q in quotes] == [
        ("luo-junjie", "reported", "verified", dt.date(2023, 7, 6)),
        ("xu-haidong", "direct", "verified", dt.date(2023, 7, 6)),
        ("xu-haidong", "direct", "verified", dt.date(2023, 7, 6)),
    ]
    assert [q.session.slug for q in quotes] == [
        "keynote-china-machinery-industry-federation", "keynote-caam", "keynote-caam",
    ]  # fmt: skip
    assert quotes[1].text.endswith("for the next 10 years.")


def test_quote_attribution_lines(forum):
    quotes = Quote.objects.order_by("pk")
    assert [q.attribution for q in quotes] == [
        "Luo Junjie, executive vice president of the China Machinery Industry Federation",
        "Xu Haidong, deputy chief engineer of the China Association of Automobile Manufacturers",
        "Xu Haidong, deputy chief engineer of the China Association of Automobile Manufacturers",
    ]
    with translation.override("zh-hans"):
        assert (
            Quote.objects.order_by("pk")[1].attribution == "中国汽车工业协会副总工程师 Xu Haidong"
        )


def test_demo_quotes_are_public(forum):
    assert Quote.objects.visible_to(AnonymousUser()).count() == 3


def test_second_run_changes_nothing(capsys):
    call_command("load_demo")
    first = _rows()
    call_command("load_demo")
    assert _rows() == first
    assert capsys.readouterr().out.splitlines() == [
        f"Loaded the demo forum '{SLUG}': 9 sessions, 3 quotes.",
        f"The demo forum '{SLUG}' is already loaded; nothing changed.",
    ]


def test_second_run_keeps_an_organizers_edits(forum):
    session = forum.sessions.get(slug="opening")
    session.set_current_language("en")
    session.title = "Grand opening"
    session.save()
    forum.sessions.get(slug="closing").delete()

    assert demo_forum_load().created is False

    assert Session.objects.filter(slug="closing").count() == 0
    assert Session.objects.get(slug="opening").safe_translation_getter("title") == "Grand opening"


def test_other_data_is_left_alone_and_shared_speakers_reused():
    other = QuoteFactory(forum=ForumFactory(slug="another-forum"))
    luo = SpeakerFactory(slug="luo-junjie", name="Luo Junjie", bio="Kept as is.")
    before = list(Quote.objects.values())

    demo_forum_load()

    assert list(Quote.objects.filter(pk=other.pk).values()) == before
    assert Forum.objects.count() == 2
    assert Speaker.objects.filter(slug="luo-junjie").get().bio == "Kept as is."
    assert Quote.objects.filter(forum__slug=SLUG, speaker=luo).count() == 1
    assert luo.affiliations.count() == 1


def test_invalid_agenda_is_refused_and_nothing_is_saved(monkeypatch):
    late = {**data.SESSIONS[-1], "slug": "after-hours", "day": dt.date(2023, 7, 8)}
    monkeypatch.setattr(data, "SESSIONS", [*data.SESSIONS, late])

    with pytest.raises(CommandError, match="within the forum's dates"):
        call_command("load_demo")

    assert all(rows == [] for rows in _rows().values())
