"""Query vocabulary for events: visibility lives here, in one place.

Every page, feed, export and API asks these `visible_to` methods what a user
may see; none of them filters on status or embargo by itself.
"""

from datetime import datetime, time, timedelta

from django.contrib.auth.models import AnonymousUser
from django.db.models import (
    Case,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    When,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import get_language
from parler import appsettings
from parler.managers import TranslatableQuerySet

from speakers.models import Affiliation, Speaker


def _can(user, perm):
    return user is not None and user.has_perm(perm)


def _not_embargoed(prefix, at):
    return Q(**{f"{prefix}embargo_until__isnull": True}) | Q(**{f"{prefix}embargo_until__lte": at})


class ForumQuerySet(TranslatableQuerySet):
    def published(self):
        return self.filter(status="published")

    def for_forum_list(self, user):
        return (
            self.visible_to(user)
            .select_related("venue")
            .prefetch_related("translations", "venue__translations")
        )

    def for_agenda(self, user):
        return self.for_forum_list(user)

    def for_embedded_agenda(self, user):
        """As for_agenda(), without the venue's names: the embed and the agenda plugin skip them."""
        return self.visible_to(user).select_related("venue").prefetch_related("translations")

    def for_forum_list_plugin(self, count, today):
        """Up to `count` published forums: those not over by `today`, soonest first, then
        past ones, latest first. The same for every visitor, organizers too, so that django
        CMS may keep the page. One query (and the forums' and venues' translations), whatever
        is upcoming or past.
        """
        over = Case(When(end_date__lt=today, then=1), default=0)
        upcoming_start = Case(When(end_date__gte=today, then=F("start_date")))
        return self.for_forum_list(AnonymousUser()).order_by(
            over, upcoming_start.asc(nulls_last=True), F("end_date").desc(), "pk"
        )[:count]

    def visible_to(self, user):
        if _can(user, "events.change_forum"):
            return self
        return self.published()

    def citable_by(self, user):
        """Forums whose quotes `user` may export or hand out: published ones, for everyone."""
        return self.published()


class RoomQuerySet(TranslatableQuerySet):
    def with_names(self):
        """Rooms with their venue and both translations: printing them queries no more."""
        return self.select_related("venue").prefetch_related("translations", "venue__translations")

    def for_choices(self):
        return self.with_names()


class PanelTopicQuerySet(TranslatableQuerySet):
    def for_topic_list(self, user):
        """Topics with at least one session or quote `user` may see."""
        sessions = _related(self, "sessions").objects.visible_to(user)
        quotes = _related(self, "quotes").objects.visible_to(user)
        return (
            self.filter(Q(sessions__in=sessions) | Q(quotes__in=quotes))
            .distinct()
            .prefetch_related("translations")
        )

    def for_topic_page(self, user):
        # A topic nothing visible is filed under would only leak its title: 404.
        return self.for_topic_list(user)

    def for_site_search(self, user):
        return self.for_topic_list(user)


class SessionQuerySet(TranslatableQuerySet):
    def for_admin_agenda(self):
        """The forum change page's day-by-day list: rooms and titles without per-row queries."""
        return (
            self.select_related("room")
            .prefetch_related("translations", "room__translations")
            .order_by("starts_at", "pk")
        )

    def visible_to(self, user, at=None):
        """Published and cancelled sessions of published forums, once their embargo ends.

        Organizers (change permission) see everything; users who may see embargoed
        quotes also see embargoed sessions, never drafts.
        """
        if _can(user, "events.change_session"):
            return self
        return self.citable_by(user, at)

    def citable_by(self, user, at=None):
        """What `user` may put in a press pack: as visible_to(), but never a draft, even
        for organizers; they and press users also get embargoed sessions."""
        visible = self.filter(status__in=["published", "cancelled"], forum__status="published")
        if _can(user, "events.view_embargoed_quote") or _can(user, "events.change_session"):
            return visible
        return visible.filter(_not_embargoed("", at or timezone.now()))

    def for_schedule_export(self, forum, *, affiliations=False):
        """What the public may see of `forum`'s agenda, with everything an export prints.

        Participants are limited to published speakers; `affiliations` also fetches their
        titles and organizations (the CSV prints them). The number of queries does not
        depend on the number of sessions.
        """
        participant_model = self.model._meta.get_field("participants").related_model
        participants = (
            participant_model.objects.filter(speaker_visible_to(AnonymousUser()))
            .select_related("speaker")
            .order_by("order", "pk")
        )
        if affiliations:
            participants = participants.prefetch_related(
                Prefetch("speaker__affiliations", queryset=affiliations_for_attribution())
            )
        return (
            self.visible_to(AnonymousUser())
            .filter(forum=forum)
            .select_related("room")
            .prefetch_related(
                "translations",
                "room__translations",
                "topics__translations",
                Prefetch("participants", queryset=participants, to_attr="public_participants"),
            )
            .order_by("starts_at", "room__guid", "pk")
        )

    def _for_listing(self, user):
        return (
            self.visible_to(user)
            .select_related("forum", "room")
            .prefetch_related(
                "translations", "forum__translations", "room__translations", _topics(self)
            )
        )

    def for_agenda(self, user):
        """A forum's sessions with room, topics and visible participants."""
        return self._for_listing(user).prefetch_related(_participants(self, user))

    def for_session_page(self, user):
        """As for_agenda(), with the room's and the forum's venue; with_venue_names() then
        reads the names of both in one query, where the page prints them."""
        return self.for_agenda(user).select_related("room__venue", "forum__venue")

    def for_site_search(self, user):
        """Visible sessions with what a search result shows: title, forum, room, time."""
        return (
            self.visible_to(user)
            .select_related("forum", "room")
            .prefetch_related("translations", "forum__translations", "room__translations")
        )

    def for_forum_feed(self, forum):
        """A forum's public sessions for its RSS/Atom feed, in agenda order."""
        return self.for_agenda(AnonymousUser()).filter(forum=forum).order_by("starts_at", "pk")

    def for_calendar(self, user):
        """Sessions for the .ics downloads: what the session page shows, in agenda order."""
        return self.for_session_page(user).order_by("starts_at", "pk")

    def for_upcoming_plugin(self, user, count):
        """The next `count` visible sessions that have not ended, soonest first."""
        return (
            self.for_agenda(user)
            .filter(ends_at__gte=timezone.now())
            .exclude(status="cancelled")
            .order_by("starts_at", "pk")[:count]
        )

    def for_agenda_plugin(self, user, forum, day=None):
        """`forum`'s agenda as its page shows it, or only `day` (a local date in its zone)."""
        sessions = self.for_agenda(user).filter(forum=forum)
        if day is None:
            return sessions
        start = datetime.combine(day, time.min, tzinfo=forum.tzinfo)
        return sessions.filter(starts_at__gte=start, starts_at__lt=start + timedelta(days=1))

    def for_speaker_grid_plugin(self, user, forum):
        """The sessions whose speakers make up `forum`'s speaker grid: visible, not cancelled
        (whoever only spoke in a cancelled session does not speak at the forum)."""
        return self.visible_to(user).filter(forum=forum).exclude(status="cancelled")

    def for_topic_plugin(self, user, topic, count):
        """The `count` latest visible sessions on `topic` across forums, cancelled ones left out,
        each with its visible speakers (as the topic page shows them)."""
        return (
            self._for_listing(user)
            .filter(topics=topic)
            .exclude(status="cancelled")
            .prefetch_related(_participants(self, user))
            .order_by("-starts_at", "-pk")[:count]
        )

    def for_speaker_page(self, user, speaker):
        return self._for_listing(user).filter(participants__speaker=speaker)

    def for_topic_page(self, user, topic):
        """A topic's sessions across forums, each with its visible speakers."""
        return (
            self._for_listing(user).filter(topics=topic).prefetch_related(_participants(self, user))
        )

    def neighbours(self, user, session):
        """(previous, next) visible session of the same forum in agenda order, or None.

        One query (plus translations) whether or not neighbours exist: the session
        itself is always in the result, so the page's query count never varies.
        """
        siblings = self.visible_to(user).filter(forum_id=session.forum_id)
        same_start = Q(starts_at=session.starts_at)
        before = Q(starts_at__lt=session.starts_at) | (same_start & Q(pk__lt=session.pk))
        after = Q(starts_at__gt=session.starts_at) | (same_start & Q(pk__gt=session.pk))
        previous = siblings.filter(before).order_by("-starts_at", "-pk").values("pk")[:1]
        following = siblings.filter(after).order_by("starts_at", "pk").values("pk")[:1]
        rows = {
            row.pk: row
            for row in self.filter(
                Q(pk=session.pk) | Q(pk=Subquery(previous)) | Q(pk=Subquery(following))
            )
            .select_related("forum")
            .prefetch_related("translations")
        }
        rows.pop(session.pk, None)
        ordered = sorted(rows.values(), key=lambda s: (s.starts_at, s.pk))
        key = (session.starts_at, session.pk)
        before_rows = [s for s in ordered if (s.starts_at, s.pk) < key]
        after_rows = [s for s in ordered if (s.starts_at, s.pk) > key]
        return (before_rows[-1] if before_rows else None), (after_rows[0] if after_rows else None)


class QuoteQuerySet(QuerySet):
    def visible_to(self, user, at=None):
        """Quotes `user` may read at `at` (default: now).

        Public: verified; neither the quote nor its session embargoed at `at`;
        forum and speaker published; session, if any, not a draft.
        Users with events.view_embargoed_quote also see embargoed ones.
        Organizers (change permission) see everything.
        """
        if _can(user, "events.change_quote"):
            return self
        return self.citable_by(user, at)

    def citable_by(self, user, at=None):
        """Quotes `user` may cite, export or put in a press pack.

        As visible_to(), except that organizers too get only verified quotes by
        published speakers in published forums (embargoed ones included): an
        export is handed on, and a draft must never travel with it.
        """
        embargo_applies = not (
            _can(user, "events.view_embargoed_quote") or _can(user, "events.change_quote")
        )
        hidden_sessions = Q(status="draft")
        quotes = self.filter(status="verified")
        if embargo_applies:
            at = at or timezone.now()
            hidden_sessions |= Q(embargo_until__gt=at)
            quotes = quotes.filter(_not_embargoed("", at))
        # "Not one of the few hidden ones" rather than joins: each subquery is a small
        # hashed set, and the quote table is filtered without widening the search's join.
        return (
            quotes.exclude(forum__in=_hidden(self, "forum", ~Q(status="published")))
            .exclude(speaker__in=_hidden(self, "speaker", Q(is_published=False)))
            .exclude(session__in=_hidden(self, "session", hidden_sessions))
        )

    def retracted(self):
        """Withdrawn quotes: their permalinks answer 410 Gone."""
        return self.filter(status="retracted")

    def _for_listing(self, user):
        return (
            self.visible_to(user)
            .select_related("speaker", "session__forum", "forum", "source")
            .prefetch_related(
                "session__translations",
                "forum__translations",
                Prefetch("speaker__affiliations", queryset=affiliations_for_attribution()),
            )
        )

    def for_session_page(self, user, session):
        return self._for_listing(user).filter(session=session)

    def for_speaker_page(self, user, speaker):
        return self._for_listing(user).filter(speaker=speaker)

    def for_topic_page(self, user, topic):
        return self._for_listing(user).filter(topics=topic)

    def for_quote_feed(self, limit=50):
        """The newest public quotes, newest by the time they became public.

        Each is annotated `published_at`: when it became public, its creation or the end
        of its own or its session's embargo, whichever is last. An embargoed quote so
        enters the feed at the top instead of below quotes published meanwhile.
        """
        published_at = Greatest(
            "created_at",
            Coalesce("embargo_until", "created_at"),
            Coalesce("session__embargo_until", "created_at"),
        )
        return (
            self._for_listing(AnonymousUser())
            .annotate(published_at=published_at)
            .order_by("-published_at", "-pk")[:limit]
        )

    def for_latest_quotes_plugin(self, count):
        """The feed's newest public quotes: what anyone may read and cite, for any visitor,
        so the plugin shows press staff no embargoed quote they would not expect there."""
        return self.for_quote_feed(limit=count)

    def for_featured_quote_plugin(self, user, quote_id):
        """The chosen quote if `user` may read it now, else nothing."""
        return self._for_listing(user).filter(pk=quote_id).first()

    def for_quote_page(self, user):
        return (
            self._for_listing(user)
            .select_related("session__room__venue", "forum__venue")
            .prefetch_related("session__room__translations")
        )


# --- Query shapes of the public pages ---------------------------------------
# One method per page: each bundles visibility and the prefetches its template
# needs, so rendering never queries, however many rows there are.


def _related(queryset, field):
    return queryset.model._meta.get_field(field).related_model


def _hidden(queryset, field, condition):
    """The primary keys of the `field` rows of `queryset`'s model matching `condition`."""
    return _related(queryset, field).objects.filter(condition).values("pk")


def speaker_visible_to(user):
    """A filter on rows with a `speaker`: those whose speaker `user` may see.

    An EXISTS, not `speaker__in=`: SQLite crosses an IN (subquery) with a prefetch's
    IN (ids) through the (session, speaker) index, a thousand times slower on 38C3.
    """
    return Exists(Speaker.objects.visible_to(user).filter(pk=OuterRef("speaker_id")))


def affiliations_for_attribution():
    """Affiliations with their titles and organizations: enough for `attribution_line`."""
    return Affiliation.objects.for_attribution()


def _participants(queryset, user):
    """Participants whose speaker `user` may see, each speaker with affiliations."""
    participant = _related(queryset, "participants")
    return Prefetch(
        "participants",
        queryset=participant.objects.filter(speaker_visible_to(user))
        .select_related("speaker")
        .prefetch_related(
            Prefetch("speaker__affiliations", queryset=affiliations_for_attribution())
        ),
        to_attr="visible_participants",
    )


def _topics(queryset):
    topic = _related(queryset, "topics")
    return Prefetch(
        "topics", queryset=topic.objects.prefetch_related("translations"), to_attr="topic_list"
    )


def with_venue_names(sessions):
    """`sessions` (a list), their rooms' and forums' venues given their translations in one
    query: the same venue, reached both ways, is usually both (two prefetches, two queries).
    Expects the venues selected (for_session_page)."""
    load_venue_names(
        *(
            venue
            for session in sessions
            for venue in (session.room and session.room.venue, session.forum.venue)
        )
    )
    return sessions


def load_venue_names(*venues):
    """Give `venues` (None skipped) their translations, in one query."""
    prefetch_related_objects([venue for venue in venues if venue is not None], "translations")


def translations(model, pks, *names):
    """{pk: {name: value}} of `model`'s translated fields for each of `pks` (a list or a
    queryset of primary keys), read in one query of its translations.

    In the active language, else its fallbacks, else any language: as parler's
    safe_translation_getter(any_language=True), which the models' __str__ use.
    """
    if not isinstance(pks, QuerySet) and not pks:
        return {}
    language = get_language()
    preference = [language, *appsettings.PARLER_LANGUAGES.get_fallback_languages(language)]
    translation = model._meta.get_field("translations").related_model
    found = translation.objects.filter(master_id__in=pks).values(
        "master_id", "language_code", *names
    )
    best = {}
    for values in found:
        code = values["language_code"]
        rank = preference.index(code) if code in preference else len(preference)
        master = values["master_id"]
        if master not in best or rank < best[master][0]:
            best[master] = (rank, values)
    return {master: values for master, (_rank, values) in best.items()}
