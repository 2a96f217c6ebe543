import datetime as dt

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from events.models import Forum, PanelTopic, Session
from events.press.forms import search_form
from speakers.models import Organization, Speaker
from tests.factories import (
    ForumFactory,
    OrganizationFactory,
    PanelTopicFactory,
    SessionFactory,
    SpeakerFactory,
    shanghai,
)

ONE_HOUR = dt.timedelta(hours=1)
pytestmark = pytest.mark.django_db
AT = dt.datetime(2023, 7, 6, 2, 0, tzinfo=dt.UTC)


def _options(form, name):
    """[(value, label)] of a select, its "any" option and groups left out."""
    flat = []
    for value, label in form[name].field.widget.options[1:]:
        flat += [(v, str(sub)) for v, sub in label] if isinstance(label, list) else [(value, label)]
    return flat


def _translate(obj, language, **fields):
    obj.set_current_language(language)
    for name, value in fields.items():
        setattr(obj, name, value)
    obj.save()


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_options_read_as_the_objects_print_in_each_language(language):
    both = ForumFactory(name="Auto Forum")
    _translate(both, "zh-hans", name="汽车论坛")
    chinese_only = ForumFactory(name="仅中文论坛")
    chinese_only.translations.filter(language_code="en").update(language_code="zh-hans")
    SessionFactory(forum=both, title="Going abroad")
    SessionFactory(forum=chinese_only, title="出海")
    _translate(OrganizationFactory(name="CAAM"), "zh-hans", name="中汽协")
    PanelTopicFactory()
    SpeakerFactory(name="Xu Haidong")

    with translation.override(language):
        form = search_form(AnonymousUser(), {}, AT)
        expected = {
            "forum": [(f.slug, str(f)) for f in Forum.objects.visible_to(None)],
            "organization": [(o.slug, str(o)) for o in Organization.objects.all()],
            "topic": [(t.slug, str(t)) for t in PanelTopic.objects.all()],
            "speaker": [(s.slug, str(s)) for s in Speaker.objects.visible_to(None)],
        }
        sessions = [(str(s.guid), str(s)) for s in _agenda_order(Session.objects.all())]
        groups = [str(group) for group, _ in form["session"].field.widget.options[1:]]
        forums = [str(s.forum) for s in _agenda_order(Session.objects.all())]
    for name, options in expected.items():
        assert _options(form, name) == options, name
    # Each session's title, then its day and time (test_same_titles_are_told_apart...).
    offered = _options(form, "session")
    assert [guid for guid, _ in offered] == [guid for guid, _ in sessions]
    pairs = zip(offered, sessions, strict=True)
    assert all(label.startswith(f"{title} · ") for (_, label), (_, title) in pairs)
    assert groups == list(dict.fromkeys(forums))
    assert ("汽车论坛" in groups) == (language == "zh-hans") and "仅中文论坛" in groups


def _agenda_order(sessions):
    return sessions.order_by("forum__start_date", "starts_at", "pk")


def test_same_titles_are_told_apart_by_day_and_local_start():
    forum = ForumFactory(name="Auto Forum")
    first = SessionFactory(forum=forum, title="Coffee break", starts_at=shanghai(6, 10, 30))
    second = SessionFactory(forum=forum, title="Coffee break", starts_at=shanghai(7, 15))
    berlin = SessionFactory(
        forum__time_zone="Europe/Berlin",
        forum__start_date=dt.date(2023, 7, 6),
        title="Coffee break",
        starts_at=dt.datetime(2023, 7, 6, 23, 45, tzinfo=dt.UTC),
    )

    options = dict(_options(search_form(AnonymousUser(), {}, AT), "session"))

    assert options[str(first.guid)] == "Coffee break · Thu 6 Jul, 10:30"
    assert options[str(second.guid)] == "Coffee break · Fri 7 Jul, 15:00"
    # 23:45 UTC is the next morning in Berlin, where that forum is held.
    assert options[str(berlin.guid)] == "Coffee break · Fri 7 Jul, 01:45"


def test_options_offer_only_what_the_user_may_see(press_user):
    hidden = {
        "speaker": SpeakerFactory(is_published=False).slug,
        "forum": ForumFactory(status=Forum.Status.DRAFT).slug,
        "session": str(SessionFactory(status=Session.Status.DRAFT).guid),
    }
    embargoed = str(SessionFactory(embargo_until=AT + dt.timedelta(hours=1)).guid)
    form = search_form(AnonymousUser(), {}, AT)
    for name, value in hidden.items():
        assert value not in dict(_options(form, name)), name
    assert embargoed not in dict(_options(form, "session"))
    assert embargoed in dict(_options(search_form(press_user, {}, AT), "session"))


def test_the_chosen_option_is_selected():
    forum = ForumFactory()
    html = str(search_form(AnonymousUser(), {"forum": forum.slug}, AT)["forum"])
    assert f'<option value="{forum.slug}" selected>' in html


def test_building_the_form_costs_the_same_for_1_or_50_of_everything():
    def queries():
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            form = search_form(AnonymousUser(), {}, timezone.now())
            html = "".join(str(form[name]) for name in form.fields)
        return len(captured), html.count("<option")

    SessionFactory(forum__name="Auto Forum", title="Going abroad")
    OrganizationFactory()
    SpeakerFactory()
    PanelTopicFactory()
    one, options_of_one = queries()
    for _ in range(49):
        SessionFactory()
        OrganizationFactory()
        SpeakerFactory()
        PanelTopicFactory()
    fifty, options_of_fifty = queries()
    # One query per list, the translations of the labels, and when the lists next change.
    assert one == fifty <= 12, (one, fifty)
    assert options_of_fifty - options_of_one == 5 * 49


def _rendered(user):
    form = search_form(user, {}, timezone.now())
    return "".join(str(form[name]) for name in form.fields)


def test_cached_options_cost_no_query_and_read_the_same():
    SessionFactory(title="Going abroad")
    SpeakerFactory(name="Xu Haidong")
    cold = _rendered(AnonymousUser())
    with CaptureQueriesContext(connection) as captured:
        warm = _rendered(AnonymousUser())
    assert (warm, len(captured)) == (cold, 0)


def test_cached_options_are_kept_per_audience(press_user):
    embargoed = SessionFactory(title="Embargoed talk", embargo_until=timezone.now() + ONE_HOUR)
    assert embargoed.title in _rendered(press_user)
    assert embargoed.title not in _rendered(AnonymousUser())
    assert embargoed.title in _rendered(press_user)


def test_cached_options_follow_a_committed_write(django_capture_on_commit_callbacks):
    _rendered(AnonymousUser())
    with django_capture_on_commit_callbacks(execute=True):
        SpeakerFactory(name="Fu Bingfeng")
    assert "Fu Bingfeng" in _rendered(AnonymousUser())


def test_cached_options_expire_when_an_embargo_lifts(press_user):
    lifts = timezone.now() + ONE_HOUR
    SessionFactory(title="Embargoed talk", embargo_until=lifts)
    assert "Embargoed talk" not in _rendered(AnonymousUser())
    with time_machine.travel(lifts + dt.timedelta(seconds=1)):
        assert "Embargoed talk" in _rendered(AnonymousUser())
