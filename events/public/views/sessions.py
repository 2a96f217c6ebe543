"""A session's page: when and where, who speaks, topics, abstract, quotes."""

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import EmbargoView, Quote, Session, SessionParticipant
from events.press.labels import session_embargo_label
from events.public import cards, structured_data
from events.public.views.common import (
    absolute_urls,
    attach_participants,
    card_response,
    describe,
    first_or_404,
    follow_object_across_languages,
    is_preview,
    listed_quotes,
    localize,
    page_meta,
    session_when,
    show_in_toolbar,
)
from events.querysets import with_venue_names


def session_detail(request, forum_slug, slug):
    session = _session(request, forum_slug, slug)
    with_venue_names([session])
    forum = session.forum
    follow_object_across_languages(request, session)
    show_in_toolbar(request, session)
    previous, following = Session.objects.neighbours(request.user, session)
    moderators = [p for p in session.visible_participants if p.role == _MODERATOR]
    context = {
        "session": session,
        "forum": forum,
        "when": session_when(session, html=True),
        "speakers": [p for p in session.visible_participants if p.role != _MODERATOR],
        "moderators": moderators,
        "quotes": _quotes(request, session),
        "previous": previous and localize(previous, forum),
        "next": following and localize(following, forum),
        "preview": is_preview(Session.objects, session, request.user),
        "embargo_label": session_embargo_label(session, timezone.now()),
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
            image=cards.url(session.url, cards.for_session(session, forum)),
        ),
    }
    return render(request, "events/session_detail.html", context)


def session_card(request, forum_slug, slug):
    session = _session(request, forum_slug, slug)
    return card_response(cards.for_session(session, session.forum))


def _session(request, forum_slug, slug):
    """The session `request.user` may see, localized, with its participants."""
    session = first_or_404(
        Session.objects.for_session_page(request.user), forum__slug=forum_slug, slug=slug
    )
    return attach_participants(localize(session, session.forum))


_MODERATOR = SessionParticipant.Role.MODERATOR


def _quotes(request, session):
    quotes = Quote.objects.for_session_page(request.user, session)
    quotes = listed_quotes(request, quotes, EmbargoView.Surface.SESSION)
    for quote in quotes:
        quote.speaker_url = quote.speaker.get_absolute_url()
    return quotes
