"""The query shapes of the API: visibility first, then everything a serializer reads.

Each function starts from a `visible_to` queryset and prefetches translations and
relations, so a page of results costs the same few queries whatever its length.
"""

from django.db.models import Prefetch

from events.models import Forum, ForumOrganization, PanelTopic, Quote, Session, SessionParticipant
from speakers.models import Affiliation, Organization, Speaker


def _affiliations(lookup="affiliations"):
    return Prefetch(
        lookup,
        queryset=Affiliation.objects.for_attribution(),
    )


def _topics():
    return Prefetch("topics", queryset=PanelTopic.objects.prefetch_related("translations"))


def quote_result_extras():
    """What the API shows beyond a search result's own prefetches: topics and corrections."""
    return [_topics(), "corrections"]


def forums_for_api(user):
    links = ForumOrganization.objects.select_related("organization").prefetch_related(
        "organization__translations"
    )
    return (
        Forum.objects.visible_to(user)
        .select_related("venue")
        .prefetch_related(
            "translations", "venue__translations", Prefetch("organizer_links", queryset=links)
        )
    )


def sessions_for_api(user):
    # A visible session may still list a hidden speaker; leave them out.
    participants = SessionParticipant.objects.filter(
        speaker__in=Speaker.objects.visible_to(user)
    ).select_related("speaker")
    return (
        Session.objects.visible_to(user)
        .select_related("forum", "room")
        .prefetch_related(
            "translations",
            "forum__translations",
            "room__translations",
            _topics(),
            Prefetch("participants", queryset=participants),
        )
    )


def speakers_for_api(user):
    return Speaker.objects.visible_to(user).prefetch_related("translations", _affiliations())


def organizations_for_api():
    return Organization.objects.prefetch_related("translations")


def topics_for_api():
    return PanelTopic.objects.prefetch_related("translations")


def quotes_for_api(user):
    return (
        Quote.objects.visible_to(user)
        .select_related("speaker", "forum", "session", "source")
        .prefetch_related(
            _affiliations("speaker__affiliations"),
            "forum__translations",
            "session__translations",
            _topics(),
            "corrections",
        )
    )
