"""Speaker pages. They live in `events` because they show sessions and quotes;
`speakers` itself imports nothing of ours."""

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import EmbargoView, Quote, Session
from events.public import cards, structured_data
from events.public.rows import speaker_cards
from events.public.views.common import (
    RowLabels,
    absolute_urls,
    card_response,
    describe,
    first_or_404,
    follow_object_across_languages,
    is_preview,
    listed_quotes,
    localize,
    page_meta,
    show_in_toolbar,
)
from speakers.models import Speaker


def speaker_list(request):
    visible = Speaker.objects.for_speaker_list(request.user)
    speakers = speaker_cards(visible, timezone.localdate(), RowLabels())
    context = {
        "speakers": speakers,
        "meta": page_meta(
            request,
            title=_("Speakers"),
            description=_("The people who speak at our forums, and what they said."),
            path=request.path,
        ),
    }
    return render(request, "events/speaker_list.html", context)


def speaker_detail(request, slug):
    speaker = first_or_404(Speaker.objects.for_speaker_page(request.user), slug=slug)
    follow_object_across_languages(request, speaker)
    show_in_toolbar(request, speaker)
    upcoming, past = _sessions(request.user, speaker)
    quotes = listed_quotes(
        request, Quote.objects.for_speaker_page(request.user, speaker), EmbargoView.Surface.SPEAKER
    )
    affiliations = list(speaker.affiliations.all())
    # A speaker may have no translation at all yet; the bio is then simply absent.
    bio = speaker.safe_translation_getter("bio", default="", any_language=True)
    current = [a for a in affiliations if a.is_current]
    context = {
        "speaker": speaker,
        "bio": bio,
        "current_affiliations": current,
        "structured_data": structured_data.ld_json(
            structured_data.speaker_person(speaker, current, absolute_urls(request), bio)
        ),
        "past_affiliations": [a for a in affiliations if not a.is_current],
        "upcoming": upcoming,
        "past": past,
        "quotes": quotes,
        "preview": is_preview(Speaker.objects, speaker, request.user),
        "meta": page_meta(
            request,
            title=speaker.display_name,
            description=describe(
                bio, _("Speaker profile of %(name)s.") % {"name": speaker.display_name}
            ),
            path=speaker.get_absolute_url(),
            og_type="profile",
            image=cards.url(
                speaker.get_absolute_url(), cards.for_speaker(speaker, upcoming + past)
            ),
        ),
    }
    return render(request, "events/speaker_detail.html", context)


def speaker_card(request, slug):
    speaker = first_or_404(Speaker.objects.for_speaker_page(request.user), slug=slug)
    upcoming, past = _sessions(request.user, speaker)
    return card_response(cards.for_speaker(speaker, upcoming + past))


def _sessions(user, speaker):
    """(upcoming soonest first, past latest first) across all forums."""
    now = timezone.now()
    labels = RowLabels()
    sessions = [
        localize(s, s.forum, labels) for s in Session.objects.for_speaker_page(user, speaker)
    ]
    upcoming = [s for s in sessions if s.ends_at >= now]
    past = [s for s in reversed(sessions) if s.ends_at < now]
    return upcoming, past
