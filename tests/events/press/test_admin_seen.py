"""events/press/admin_seen.py: organizers read the log of embargoed quotes seen, never edit it."""

import datetime as dt

import pytest
from django.contrib.admin import site
from django.urls import reverse
from django.utils.functional import Promise

from events.models import EmbargoView, Quote
from events.press.seen import embargoed_quotes_seen
from tests.events.press.conftest import EMBARGO_END, NOW
from tests.factories import QuoteFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]
Surface = EmbargoView.Surface


def _seen_rows(press_user, quotes_by_status):
    other = type(press_user).objects.create_user("reporter")
    embargoed, verified = quotes_by_status["embargoed"], quotes_by_status["verified"]
    for user, quote, at in [
        (press_user, embargoed, NOW),
        (other, embargoed, NOW - dt.timedelta(days=3)),
        (other, verified, NOW),
    ]:
        EmbargoView.objects.create(quote=quote, user=user, username=user.username, viewed_at=at,
                                   embargo_until=EMBARGO_END, surface=Surface.SEARCH)  # fmt: skip
    return other


def test_organizers_read_the_log_filtered_by_quote_user_and_date(
    organizer_client, press_user, quotes_by_status
):
    other = _seen_rows(press_user, quotes_by_status)
    url = reverse("admin:events_embargoview_changelist")

    def usernames(**params):
        response = organizer_client.get(url, params)
        assert response.status_code == 200
        return sorted(row.username for row in response.context["cl"].result_list)

    assert usernames() == ["press", "reporter", "reporter"]
    assert usernames(quote__id__exact=quotes_by_status["embargoed"].pk) == ["press", "reporter"]
    assert usernames(user__id__exact=other.pk) == ["reporter", "reporter"]
    today = {"viewed_at__gte": "2023-07-07 00:00+00:00", "viewed_at__lt": "2023-07-08 00:00+00:00"}
    assert usernames(**today) == ["press", "reporter"]


@pytest.fixture(params=["organizer", "organizers_member", "admin_user"])
def staff_client(request, client):
    """Logged in as each who may read the log: an organizer with every permission on it
    (tests/conftest.py), a member of the Organizers group (view only), a superuser."""
    client.force_login(request.getfixturevalue(request.param))
    return client


def test_the_log_cannot_be_added_to_changed_or_deleted_in_the_admin(
    staff_client, press_user, quotes_by_status
):
    _seen_rows(press_user, quotes_by_status)
    row = EmbargoView.objects.first()
    assert staff_client.get(reverse("admin:events_embargoview_add")).status_code == 403
    change = staff_client.post(
        reverse("admin:events_embargoview_change", args=[row.pk]), {"username": "someone"}
    )
    assert change.status_code == 403
    delete = staff_client.post(
        reverse("admin:events_embargoview_delete", args=[row.pk]), {"post": "yes"}
    )
    assert delete.status_code == 403
    assert EmbargoView.objects.get(pk=row.pk).username == row.username


# --- The log outlives its quote --------------------------------------------------
# Deleting a quote empties its rows' `quote` and leaves them, with the quote's text and
# speaker as they were shown: the admin's delete needs no right to delete the log.

PROTECTED = "would require deleting the following protected related objects"


@pytest.fixture(params=["organizers_member", "admin_user"])
def deleter_client(request, client):
    """Logged in as each who deletes agenda content: an Organizers member, a superuser."""
    client.force_login(request.getfixturevalue(request.param))
    return client


def _seen_once(press_user, quote):
    """The row the press room writes when `press_user` is shown `quote` under embargo."""
    [seen] = embargoed_quotes_seen(user=press_user, quotes=[quote], at=NOW, surface=Surface.SEARCH)
    return seen


def _admin_delete(client, obj):
    meta = obj._meta
    url = reverse(f"admin:{meta.app_label}_{meta.model_name}_delete", args=[obj.pk])
    return client.post(url, {"post": "yes"})


def _kept(seen):
    seen.refresh_from_db()
    return (seen.quote_id, seen.quote_text, seen.speaker_name, seen.username, seen.user_id)


def test_a_quote_seen_under_embargo_is_deleted_in_the_admin_and_its_log_kept(
    deleter_client, press_user, quotes_by_status
):
    quote = quotes_by_status["embargoed"]
    seen = _seen_once(press_user, quote)

    response = _admin_delete(deleter_client, quote)

    assert response.status_code == 302
    assert not Quote.objects.filter(pk=quote.pk).exists()
    assert _kept(seen) == (None, "Embargoed words.", quote.speaker.name, "press", press_user.pk)


@pytest.mark.parametrize("owner", ["session", "forum", "speaker"])
def test_what_a_seen_quote_belonged_to_is_deleted_after_it_and_its_log_kept(
    deleter_client, press_user, quotes_by_status, owner
):
    quote = quotes_by_status["embargoed"]
    seen = _seen_once(press_user, quote)
    target = getattr(quote, owner)
    # Quote.session, .forum and .speaker are PROTECT: a session, forum or speaker goes
    # only once its quotes have gone, deliberately (tests/events/test_admin.py).
    assert PROTECTED in _admin_delete(deleter_client, target).content.decode()
    for each in Quote.objects.filter(**{owner: target}):
        assert _admin_delete(deleter_client, each).status_code == 302

    response = _admin_delete(deleter_client, target)

    assert response.status_code == 302
    assert not type(target).objects.filter(pk=target.pk).exists()
    assert _kept(seen) == (None, "Embargoed words.", quote.speaker.name, "press", press_user.pk)


def test_the_log_lists_a_deleted_quote_by_its_kept_text_and_speaker(
    staff_client, press_user, quotes_by_status
):
    quote = quotes_by_status["embargoed"]
    quote.speaker.name = "Xu Haidong"
    quote.speaker.save()
    gone = _seen_once(press_user, quote)
    kept = _seen_once(press_user, QuoteFactory(embargo_until=EMBARGO_END))
    quote.delete()
    url = reverse("admin:events_embargoview_changelist")

    response = staff_client.get(url)

    assert response.status_code == 200
    html = response.content.decode()
    cell = '<td class="field-quote_excerpt">{}</td>'
    assert cell.format("Xu Haidong: Embargoed words. (deleted quote)") in html
    assert cell.format(f"{kept.speaker_name}: {kept.quote_text}") in html
    assert "?quote__isnull=True" in html and ">deleted quote</a>" in html  # the filter's choice
    assert _listed(staff_client, url, quote__isnull="True") == [gone.pk]
    assert _listed(staff_client, url, q="Embargoed words") == [gone.pk]
    assert _listed(staff_client, url, q="Xu Haidong") == [gone.pk]
    assert kept.pk in _listed(staff_client, url)


def _listed(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return [row.pk for row in response.context["cl"].result_list]


def test_a_deleted_quotes_row_shows_its_kept_text_and_speaker(
    staff_client, press_user, quotes_by_status
):
    quote = quotes_by_status["embargoed"]
    seen = _seen_once(press_user, quote)
    quote.delete()

    response = staff_client.get(reverse("admin:events_embargoview_change", args=[seen.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert '<div class="readonly">deleted quote</div>' in html
    assert '<div class="readonly">Embargoed words.</div>' in html
    assert f'<div class="readonly">{quote.speaker.name}</div>' in html


def test_a_seen_quotes_row_links_to_the_quote(staff_client, press_user, quotes_by_status):
    quote = quotes_by_status["embargoed"]
    seen = _seen_once(press_user, quote)

    response = staff_client.get(reverse("admin:events_embargoview_change", args=[seen.pk]))

    quote_url = reverse("admin:events_quote_change", args=[quote.pk])
    assert f'<a href="{quote_url}">{quote}</a>' in response.content.decode()


def test_a_row_whose_quote_is_deleted_still_cannot_be_deleted(
    staff_client, press_user, quotes_by_status
):
    quote = quotes_by_status["embargoed"]
    seen = _seen_once(press_user, quote)
    quote.delete()
    url = reverse("admin:events_embargoview_delete", args=[seen.pk])
    assert staff_client.post(url, {"post": "yes"}).status_code == 403
    assert EmbargoView.objects.filter(pk=seen.pk).exists()


def test_the_deleted_quote_label_is_translatable(press_user, quotes_by_status):
    quote = quotes_by_status["embargoed"]
    seen = _seen_once(press_user, quote)
    quote.delete()
    seen.refresh_from_db()
    # gettext_lazy: makemessages finds it, and the admin shows each reader's language.
    assert isinstance(site._registry[EmbargoView].quote_link(seen), Promise)


# The admin's own (session, user, its permissions, the CMS's), the rows and their count,
# the date hierarchy, and one query for each filter's choices: quotes, users.
LOG_BUDGET = 14


def test_the_log_and_its_quote_filter_cost_the_same_for_1_and_50_quotes(
    organizer_client, page_queries, press_user
):
    url = reverse("admin:events_embargoview_changelist")

    def seen(number):
        for quote in QuoteFactory.create_batch(number, embargo_until=EMBARGO_END):
            _seen_once(press_user, quote)
        [quotes] = [f for f in organizer_client.get(url).context["cl"].filter_specs
                    if f.field_path == "quote"]  # fmt: skip
        return page_queries(url), len(quotes.lookup_choices)

    one, listed_one = seen(1)
    fifty, listed_fifty = seen(49)
    assert (listed_one, listed_fifty) == (1, 50)
    assert one == fifty <= LOG_BUDGET
