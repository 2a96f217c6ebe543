"""The public site search: sessions, speakers, topics and published quotes, grouped by kind.

What each kind shows comes from its visibility queryset, so no draft, embargoed or hidden
item is ever found by a visitor; press users and organizers also find embargoed quotes,
and the page logs each one shown (events/press/seen.py). Quotes go through the press
room's search (events/press/search.py): its ranking, stemming and Chinese bigrams.
Sessions, speakers and topics are few (a thousand at 38C3's size), so each word, or each
run of Chinese characters, must appear in one of their texts as written: a substring
match, which Chinese needs no segmenting for.
"""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import PanelTopic, Session
from events.press.query import STOP_WORDS, TOKEN
from events.press.search import InvalidSearch, search_quotes
from events.public.views.common import RowLabels, localize, session_when
from speakers.models import Speaker, attribution_line

PER_KIND = 10
MAX_WORDS = 8
MAX_LENGTH = 200


@dataclass
class Group:
    kind: str
    label: str
    items: list = field(default_factory=list)
    more: bool = False
    # The quotes behind a quote group's `items`: the page logs the embargoed ones among them.
    shown: list = field(default_factory=list)


@dataclass
class Hit:
    title: str
    url: str
    detail: str = ""
    html: str = ""  # already escaped, with <mark> around the matches (quotes)
    # A direct quote, shown in quotation marks; reported speech carries none, as in citations.
    quoted: bool = False


def words_of(q):
    """The words and Chinese runs of `q` worth matching, lowercased, at most MAX_WORDS."""
    found = [w.lower() for w in TOKEN.findall(q[:MAX_LENGTH])]
    return [w for w in found if w not in STOP_WORDS][:MAX_WORDS]


def site_search(user, q, at=None):
    """[Group] for what `user` may see matching `q` (quotes: at `at`, default now); empty
    groups are left out."""
    words = words_of(q)
    if not words:
        return []
    groups = [
        _sessions(user, words),
        _speakers(user, words),
        _topics(user, words),
        _quotes(user, q, at),
    ]
    return [group for group in groups if group.items]


def _each_word_in(words, *lookups):
    """Q: every word appears in one of the `lookups` (field paths, matched icontains)."""
    condition = Q()
    for word in words:
        either = Q()
        for lookup in lookups:
            either |= Q(**{f"{lookup}__icontains": word})
        condition &= either
    return condition


def _translated(model, words, *fields):
    """Q: a translation of the row has every word in one of `fields`.

    An IN over the translations matched once: SQLite ran an EXISTS per session, three
    times slower on 38C3.
    """
    translation = model._parler_meta.root_model
    matches = translation.objects.filter(_each_word_in(words, *fields))
    return Q(pk__in=matches.values("master_id"))


def _in_title(model, words):
    """Exists, for ordering the matches only: a translation's title has every word."""
    translation = model._parler_meta.root_model
    matches = translation.objects.filter(master=OuterRef("pk"))
    return Exists(matches.filter(_each_word_in(words, "title")))


def _first(queryset, group):
    rows = list(queryset[: PER_KIND + 1])
    group.more = len(rows) > PER_KIND
    return rows[:PER_KIND]


def _sessions(user, words):
    group = Group("sessions", _("Sessions"))
    found = Session.objects.for_site_search(user).filter(
        _translated(Session, words, "title", "abstract")
    )
    # Title matches first, then by time: the soonest first is what a visitor looks for.
    ordered = found.annotate(in_title=_in_title(Session, words)).order_by(
        "-in_title", "starts_at", "pk"
    )
    labels = RowLabels()
    for session in _first(ordered, group):
        localize(session, session.forum, labels)
        room = f" · {session.room.name}" if session.room else ""
        # The results come from several forums: each names its forum's zone, as the speaker
        # and topic pages do.
        detail = f"{session.forum} · {session_when(session)}{room}"
        group.items.append(Hit(str(session), session.url, detail))
    return group


def _speakers(user, words):
    group = Group("speakers", _("Speakers"))
    found = Speaker.objects.for_site_search(user).filter(
        _each_word_in(words, "name", "name_native")
    )
    today = timezone.localdate()
    for speaker in _first(found.order_by("name", "pk"), group):
        line = attribution_line(speaker, today)
        detail = "" if line == speaker.display_name else line
        group.items.append(Hit(speaker.display_name, speaker.get_absolute_url(), detail))
    return group


def _topics(user, words):
    group = Group("topics", _("Topics"))
    found = PanelTopic.objects.for_site_search(user).filter(
        _translated(PanelTopic, words, "title", "description")
    )
    for topic in _first(found.order_by("slug"), group):
        group.items.append(Hit(str(topic), topic.get_absolute_url()))
    return group


def _quotes(user, q, at):
    group = Group("quotes", _("Quotes"))
    try:
        result = search_quotes(user=user, q=q[:MAX_LENGTH], per_page=PER_KIND, at=at)
    except InvalidSearch:  # only for what this page never sends (filters, a page number)
        return group
    group.more = result.total > PER_KIND
    group.shown = result.items
    for quote in result.items:
        group.items.append(
            Hit(
                quote.text,
                quote.get_absolute_url(),
                quote.attribution,
                quote.highlighted_text,
                quoted=quote.is_direct,
            )
        )
    return group
