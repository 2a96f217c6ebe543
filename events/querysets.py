"""Query vocabulary for events: visibility lives here, in one place.

Every page, feed, export and API asks these `visible_to` methods what a user
may see; none of them filters on status or embargo by itself.
"""

from django.db.models import Q, QuerySet
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


class PanelTopicQuerySet(TranslatableQuerySet):
    pass


class SessionQuerySet(TranslatableQuerySet):
    def visible_to(self, user, at=None):
        """Published and cancelled sessions of published forums, once their embargo ends.

        Organizers (change permission) see everything; users who may see embargoed
        quotes also see embargoed sessions, never drafts.
        """
        if _can(user, "events.change_session"):
            return self
        at = at or timezone.now()
        visible = self.filter(status__in=["published", "cancelled"], forum__status="published")
        if _can(user, "events.view_embargoed_quote"):
            return visible
        return visible.filter(_not_embargoed("", at))


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
        at = at or timezone.now()
        visible = self.filter(
            Q(session__isnull=True) | ~Q(session__status="draft"),
            status="verified",
            forum__status="published",
            speaker__is_published=True,
        )
        if _can(user, "events.view_embargoed_quote"):
            return visible
        return visible.filter(_not_embargoed("", at)).filter(
            Q(session__isnull=True) | _not_embargoed("session__", at)
        )
