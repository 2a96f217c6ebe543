"""events/press/admin_seen.py: organizers read the log of embargoed quotes seen, never edit it."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from events.models import EmbargoView
from tests.events.press.conftest import EMBARGO_END, NOW

pytestmark = pytest.mark.django_db
Surface = EmbargoView.Surface


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


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


def test_the_log_cannot_be_added_to_changed_or_deleted_in_the_admin(
    organizer_client, press_user, quotes_by_status
):
    _seen_rows(press_user, quotes_by_status)
    row = EmbargoView.objects.first()
    assert organizer_client.get(reverse("admin:events_embargoview_add")).status_code == 403
    change = organizer_client.post(
        reverse("admin:events_embargoview_change", args=[row.pk]), {"username": "someone"}
    )
    assert change.status_code == 403
    delete = organizer_client.post(
        reverse("admin:events_embargoview_delete", args=[row.pk]), {"post": "yes"}
    )
    assert delete.status_code == 403
    assert EmbargoView.objects.get(pk=row.pk).username == row.username
