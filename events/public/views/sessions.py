"""A session's page: when and where, who speaks, topics, abstract, quotes."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from events.models import Quote, Session, SessionParticipant
from events.public import structured_data
from events.public.views.common import (
    absolute_urls,
    attach_participants,
    describe,
    first_or_404,
    follow_object_across_languages,
    is_preview,
    localize,
    page_meta,
    show_in_toolbar,
)


def session_detail(request, forum_slug, slug):
    session = first_or_404(
        Session.objects.for_session_page(request.user), forum__slug=forum_slug, slug=slug
    )
    forum = session.forum
    attach_participants(localize(session, forum))
    follow_object_across_languages(request, session)
    show_in_toolbar(request, session)
    previous, following = Session.objects.neighbours(request.user, session)
    moderators = [p for p in session.visible_participants if p.role == _MODERATOR]
    context = {
        "session": session,
        "forum": forum,
        "speakers": [p for p in session.visible_participants if p.role != _MODERATOR],
        "moderators": moderators,
        "quotes": _quotes(request.user, session),
        "previous": previous and localize(previous, forum),
        "next": following and localize(following, forum),
        "preview": is_preview(Session.objects, session, request.user),
        "structured_data": structured_data.ld_json(
            structured_data.session_event(session, forum, absolute_urls(request))
        ),
        "meta": page_meta(
            request,
            title=str(session),
            description=describe(
                session.abstract,
                _("%(session)s at %(forum)s, %(day)s.")
                % {"session": session, "forum": forum, "day": session.day_label},
            ),
            path=session.url,
            og_type="article",
        ),
    }
    return render(request, "events/session_detail.html", context)


_MODERATOR = SessionParticipant.Role.MODERATOR


def _quotes(user, session):
    quotes = list(Quote.objects.for_session_page(user, session))
    for quote in quotes:
        quote.url = quote.get_absolute_url()
        quote.speaker_url = quote.speaker.get_absolute_url()
    return quotes
