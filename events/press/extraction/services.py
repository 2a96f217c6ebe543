"""Writing what the organizer accepted: the Source, new speakers, their organizations and
affiliations, and the Quotes, in one transaction.

Everything is validated with full_clean() before it is saved, and any refusal rolls the
whole confirmation back: either the article's quotes are all in, or nothing is.
"""

from dataclasses import dataclass

from django.db import transaction

from events import services
from events.interop.matching import CJK, Organizations, unique_slug
from events.models import Quote
from events.press.extraction.matching import NewSpeaker
from speakers.models import Affiliation, Speaker


@dataclass(frozen=True)
class AcceptedQuote:
    text: str
    kind: str
    status: str
    speaker: object  # a Speaker, or a matching.NewSpeaker to create
    session: object = None


@dataclass(frozen=True)
class Created:
    source: object
    quotes: list
    speakers: list  # the new ones


def article_quotes_create(*, forum, source, quotes, said_on, language, publish_speakers):
    """Save `source` (an unsaved Source), the new speakers `quotes` name and the quotes.

    Raises ValidationError, having written nothing, when any object is invalid.
    """
    with transaction.atomic():
        source.full_clean()
        source.save()
        speakers = _new_speakers(quotes, language=language, publish=publish_speakers)
        created = [
            _quote(accepted, speakers, forum=forum, source=source, said_on=said_on,
                   language=language)
            for accepted in quotes
        ]  # fmt: skip
    return Created(source=source, quotes=created, speakers=list(speakers.values()))


def _new_speakers(quotes, *, language, publish):
    """{NewSpeaker: saved Speaker} for each new speaker an accepted quote names."""
    wanted = list(dict.fromkeys(q.speaker for q in quotes if isinstance(q.speaker, NewSpeaker)))
    if not wanted:
        return {}
    organizations = Organizations([w.organization for w in wanted], language)
    taken = set(Speaker.objects.values_list("slug", flat=True))
    return {
        new: _speaker(new, organizations, taken, language=language, publish=publish)
        for new in wanted
    }


def _speaker(new, organizations, taken, *, language, publish):
    name = " ".join(new.name.split())
    speaker = Speaker(
        name=name,
        name_native=name if CJK.search(name) else "",
        slug=unique_slug(name, taken, "speaker"),
        is_published=publish,
    )
    speaker.full_clean()
    speaker.save()
    # An affiliation is a title held at an organization: the article must give both.
    if new.organization and new.title:
        organization, is_new = organizations.resolve(new.organization)
        if is_new:
            _save_translated(organization, language)
        affiliation = Affiliation(speaker=speaker, organization=organization)
        affiliation.set_current_language(language)
        affiliation.title = new.title[:200]
        _save_translated(affiliation, language)
    return speaker


def _save_translated(obj, language):
    obj.full_clean()
    obj.get_translation(language).full_clean(exclude=["master"])
    obj.save()


def _quote(accepted, speakers, *, forum, source, said_on, language):
    speaker = speakers.get(accepted.speaker, accepted.speaker)
    quote = Quote(
        text=accepted.text,
        speaker=speaker,
        session=accepted.session,
        forum=forum,
        # The article's date is when it was published; a quote from a session was said then.
        said_on=accepted.session.local_days()[0] if accepted.session else said_on,
        kind=accepted.kind,
        status=accepted.status,
        language=language,
        source=source,
    )
    quote.full_clean()
    return services.quote_save(quote=quote)
