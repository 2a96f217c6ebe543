"""Query vocabulary for events: visibility lives here, in one place.

Every page, feed, export and API asks these `visible_to` methods what a user
may see; none of them filters on status or embargo by itself.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from parler.managers import TranslatableQuerySet


def _can(user, perm):
    return user is not None and user.has_perm(perm)


def _not_embargoed(prefix, at):
    return Q(**{f"{prefix}embargo_until__isnull": True}) | Q(**{f"{prefix}embargo_until__lte": at})


class ForumQuerySet(TranslatableQuerySet):
    def published(self):
        return self.filter(status="published")

    def visible_to(self, user):
        if _can(user, "events.change_forum"):
            return self
        return self.published()

    def citable_by(self, user):
        """Forums whose quotes `user` may export or hand out: published ones, for everyone."""
        return self.published()


class PanelTopicQuerySet(TranslatableQuerySet):
    pass


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
        visible = self.filter(
            Q(session__isnull=True) | ~Q(session__status="draft"),
            status="verified",
            forum__status="published",
            speaker__is_published=True,
        )
        if _can(user, "events.view_embargoed_quote") or _can(user, "events.change_quote"):
            return visible
        at = at or timezone.now()
        return visible.filter(_not_embargoed("", at)).filter(
            Q(session__isnull=True) | _not_embargoed("session__", at)
        )

    def for_search_results(self):
        """Everything a search result shows, in a fixed number of queries.

        The attribution line (speaker's affiliation on said_on, with its
        organization), forum, session, source and their translations.
        """
        from speakers.models import Affiliation

        # The search columns are large and only the database reads them.
        queryset = self.defer("search_document", "search_vector")
        return queryset.select_related("speaker", "session", "forum", "source").prefetch_related(
            "forum__translations",
            "session__translations",
            Prefetch(
                "speaker__affiliations", queryset=Affiliation.objects.select_related("organization")
            ),
            "speaker__affiliations__translations",
            "speaker__affiliations__organization__translations",
        )
