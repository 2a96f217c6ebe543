"""Query vocabulary for events: visibility lives here, in one place.

Every page, feed, export and API asks these `visible_to` methods what a user
may see; none of them filters on status or embargo by itself.
"""

from datetime import datetime, time, timedelta

from django.contrib.auth.models import AnonymousUser
from django.db import connections
from django.db.models import Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from parler.managers import TranslatableQuerySet

from forum_site.expressions import OwnColumnsClause


def _can(user, perm):
    return user is not None and user.has_perm(perm)


def _not_embargoed(prefix, at):
    return Q(**{f"{prefix}embargo_until__isnull": True}) | Q(**{f"{prefix}embargo_until__lte": at})


class ForumQuerySet(TranslatableQuerySet):
    def published(self):
        return self.filter(status="published")

    def for_forum_list(self, user):
        return self.visible_to(user).select_related("venue").prefetch_related("translations")

    def for_agenda(self, user):
        return self.for_forum_list(user)

    def visible_to(self, user):
        if _can(user, "events.change_forum"):
            return self
        return self.published()

    def citable_by(self, user):
        """Forums whose quotes `user` may export or hand out: published ones, for everyone."""
        return self.published()


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


class SessionQuerySet(TranslatableQuerySet):
    def for_admin_agenda(self):
        """The forum change page's day-by-day list: rooms and titles without per-row queries."""
        return (
            self.select_related("room").prefetch_related("translations").order_by("starts_at", "pk")
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
        speaker_model = participant_model._meta.get_field("speaker").related_model
        participants = (
            participant_model.objects.filter(
                speaker__in=speaker_model.objects.visible_to(AnonymousUser())
            )
            .select_related("speaker")
            .order_by("order", "pk")
        )
        if affiliations:
            participants = participants.prefetch_related(
                "speaker__affiliations__translations",
                "speaker__affiliations__organization__translations",
            )
        return (
            self.visible_to(AnonymousUser())
            .filter(forum=forum)
            .select_related("room")
            .prefetch_related(
                "translations",
                "topics__translations",
                Prefetch("participants", queryset=participants, to_attr="public_participants"),
            )
            .order_by("starts_at", "room__name", "pk")
        )

    def _for_listing(self, user):
        return (
            self.visible_to(user)
            .select_related("forum", "room")
            .prefetch_related("translations", "forum__translations", _topics(self))
        )

    def for_agenda(self, user):
        """A forum's sessions with room, topics and visible participants."""
        return self._for_listing(user).prefetch_related(_participants(self, user))

    def for_session_page(self, user):
        return self.for_agenda(user).select_related("room__venue")

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
        at = (at or timezone.now()) if embargo_applies else None
        return self.filter(CitableQuote(_hidden_ids(self, at), at))

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
                Prefetch("speaker__affiliations", queryset=_affiliations()),
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

        An embargoed quote counts as new when its embargo ends, so it enters the feed
        at the top instead of below quotes published meanwhile.
        """
        published_at = Greatest("created_at", Coalesce("embargo_until", "created_at"))
        return (
            self._for_listing(AnonymousUser())
            .annotate(published_at=published_at)
            .order_by("-published_at", "-pk")[:limit]
        )

    def for_featured_quote_plugin(self, user, quote_id):
        """The chosen quote if `user` may read it now, else nothing."""
        return self._for_listing(user).filter(pk=quote_id).first()

    def for_quote_page(self, user):
        return self._for_listing(user).select_related("session__room__venue", "forum__venue")


# --- Query shapes of the public pages ---------------------------------------
# One method per page: each bundles visibility and the prefetches its template
# needs, so rendering never queries, however many rows there are.


def _related(queryset, field):
    return queryset.model._meta.get_field(field).related_model


def _hidden_ids(quotes, at):
    """SQL subqueries of the ids of hidden forums, speakers and sessions, for `quotes`.

    Hidden: a forum not published, a speaker not published, a session that
    is a draft or (when `at` is given) embargoed after `at`. Written out from
    the models' metadata rather than built as QuerySets: building, resolving
    and compiling three subquery QuerySets cost every search about 1.3 ms.
    """
    connection = connections[quotes.db]
    forum, speaker, session = (
        _related(quotes, name)._meta for name in ("forum", "speaker", "session")
    )
    hidden_sessions, session_params = "{status} = %s", ["draft"]
    if at is not None:
        hidden_sessions += " OR {embargo_until} > %s"
        embargo_until = session.get_field("embargo_until")
        session_params.append(embargo_until.get_db_prep_value(at, connection))
    return (
        _ids(connection, forum, "NOT ({status} = %s)", ["published"]),
        _ids(connection, speaker, "{is_published} = %s", [False]),
        _ids(connection, session, hidden_sessions, session_params),
    )


def _ids(connection, meta, where, params):
    """(SQL of a subquery of the primary keys of `meta`'s rows matching `where`, its params)."""
    return pk_select(connection, meta, where), params


class CitableQuote(OwnColumnsClause):
    """True for a quote that is verified, in no hidden forum, by no hidden speaker, in no
    hidden session and, when `at` is given, not embargoed at `at`.

    `hidden` holds (SQL, params) of the hidden forums', speakers' and sessions' ids
    (see _hidden_ids). The forum, speaker and session are checked as "not one of
    the few hidden ones", not by joining their tables: PostgreSQL runs each
    subquery once as a small hashed set, while three joins in every search took
    longer to plan than a rare word's search took to run.

    One expression rather than a Q of seven lookups: resolving those cost every
    search 0.6-1.5 ms. The quote's columns stay expressions, so the clause follows
    the table's alias when a subquery renames it (for_topic_list).
    """

    columns = ("status", "forum_id", "speaker_id", "session_id", "embargo_until")

    def __init__(self, hidden, at):
        super().__init__()
        self.hidden, self.at = hidden, at

    def clause(self, compiler, connection, status, forum, speaker, session, embargo):
        (forums, forum_params), (speakers, speaker_params), (sessions, session_params) = self.hidden
        sql = (
            f"{status} = %s AND NOT ({forum} IN ({forums})) AND NOT ({speaker} IN ({speakers}))"
            f" AND NOT ({session} IN ({sessions}) AND {session} IS NOT NULL)"
        )
        params = ["verified", *forum_params, *speaker_params, *session_params]
        if self.at is not None:
            sql += f" AND ({embargo} IS NULL OR {embargo} <= %s)"
            params.append(self.cols[-1].output_field.get_db_prep_value(self.at, connection))
        return sql, params


def pk_select(connection, meta, where):
    """SQL selecting the primary keys of `meta`'s rows matching `where`, for a subquery.

    `where` names columns by field name ("{status} = %s"), quoted here; its
    values stay parameters. Cheaper than a QuerySet to build, resolve and
    compile, a cost a search would pay for each subquery.
    """
    quote = connection.ops.quote_name
    columns = {field.name: quote(field.column) for field in meta.concrete_fields}
    table, pk = quote(meta.db_table), quote(meta.pk.column)
    return f"SELECT {pk} FROM {table} WHERE {where.format(**columns)}"  # noqa: S608


def _affiliations():
    """Affiliations with their titles and organizations: enough for `attribution_line`."""
    from speakers.models import Affiliation

    return Affiliation.objects.select_related("organization").prefetch_related(
        "translations", "organization__translations"
    )


def _participants(queryset, user):
    """Participants whose speaker `user` may see, each speaker with affiliations."""
    from speakers.models import Speaker

    participant = _related(queryset, "participants")
    return Prefetch(
        "participants",
        queryset=participant.objects.filter(speaker__in=Speaker.objects.visible_to(user))
        .select_related("speaker")
        .prefetch_related(Prefetch("speaker__affiliations", queryset=_affiliations())),
        to_attr="visible_participants",
    )


def _topics(queryset):
    topic = _related(queryset, "topics")
    return Prefetch(
        "topics", queryset=topic.objects.prefetch_related("translations"), to_attr="topic_list"
    )
