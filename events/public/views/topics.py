"""Topic pages: a topic's sessions across forums, with their speakers, and the quotes on it."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from events.models import EmbargoView, PanelTopic, Quote, Session
from events.public.views.common import (
    describe,
    first_or_404,
    follow_object_across_languages,
    listed_quotes,
    page_meta,
    prepare_rows,
)


def topic_list(request):
    topics = list(PanelTopic.objects.for_topic_list(request.user))
    for topic in topics:
        topic.url = topic.get_absolute_url()
    context = {
        "topics": topics,
        "meta": page_meta(
            request,
            title=_("Topics"),
            description=_("Sessions and quotes by topic, across all forums."),
            path=request.path,
        ),
    }
    return render(request, "events/topic_list.html", context)


def topic_detail(request, slug):
    topic = first_or_404(PanelTopic.objects.for_topic_page(request.user), slug=slug)
    follow_object_across_languages(request, topic)
    sessions = prepare_rows(Session.objects.for_topic_page(request.user, topic))
    quotes = listed_quotes(
        request, Quote.objects.for_topic_page(request.user, topic), EmbargoView.Surface.TOPIC
    )
    context = {
        "topic": topic,
        "sessions": sessions,
        "quotes": quotes,
        "meta": page_meta(
            request,
            title=str(topic),
            description=describe(
                topic.description, _("Sessions and quotes on %(topic)s.") % {"topic": topic}
            ),
            path=topic.get_absolute_url(),
        ),
    }
    return render(request, "events/topic_detail.html", context)
