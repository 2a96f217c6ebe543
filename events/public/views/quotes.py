"""Quote permalinks: attribution, date, session and source; 410 once retracted."""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import EmbargoView, Quote
from events.press.results import prepare
from events.press.seen import embargoed_quotes_seen
from events.public import cards, structured_data
from events.public.views.common import (
    absolute_urls,
    card_response,
    follow_object_across_languages,
    is_preview,
    page_meta,
)
from events.querysets import load_venue_names


def quote_detail(request, pk):
    if Quote.objects.retracted().filter(pk=pk).exists():
        # Gone for good; the notice shows nothing of what was withdrawn.
        return render(request, "events/quote_retracted.html", {"meta": _gone(request)}, status=410)
    quote = Quote.objects.for_quote_page(request.user).filter(pk=pk).first()
    if quote is None:
        raise Http404
    follow_object_across_languages(request, quote)
    load_venue_names(
        quote.forum.venue, quote.session and quote.session.room and quote.session.room.venue
    )
    quote.speaker_url = quote.speaker.get_absolute_url()
    quote.session_url = quote.session.get_absolute_url() if quote.session else ""
    quote.forum_url = quote.forum.get_absolute_url()
    # The press room's notes: embargo label, dated corrections and the citation box.
    at = timezone.now()
    prepare([quote], absolute=absolute_urls(request), at=at)
    surface = EmbargoView.Surface.QUOTE
    embargoed_quotes_seen(user=request.user, quotes=[quote], at=at, surface=surface)
    attribution = quote.attribution
    context = {
        "quote": quote,
        "attribution": attribution,
        "preview": is_preview(Quote.objects, quote, request.user),
        "structured_data": structured_data.ld_json(
            structured_data.quotation(quote, absolute_urls(request))
        ),
        "meta": page_meta(
            request,
            title=_("Quote by %(speaker)s") % {"speaker": quote.speaker.display_name},
            description=f"{quote.marked_text} — {attribution}",
            path=quote.get_absolute_url(),
            og_type="article",
            image=cards.url(quote.get_absolute_url(), cards.for_quote(quote)),
        ),
    }
    return render(request, "events/quote_detail.html", context)


def quote_card(request, pk):
    quote = Quote.objects.for_quote_page(request.user).filter(pk=pk).first()
    if quote is None:
        raise Http404
    # The picture spells the quote out: seen before its embargo lifts, it is noted too.
    surface = EmbargoView.Surface.QUOTE
    embargoed_quotes_seen(user=request.user, quotes=[quote], at=timezone.now(), surface=surface)
    return card_response(cards.for_quote(quote))


def _gone(request):
    return page_meta(
        request,
        title=_("Quote retracted"),
        description=_("This quote was retracted and is no longer published."),
        path=request.path,
    )
