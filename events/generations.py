"""Generation numbers of what the public pages show, kept in the cache every app server shares.

The cached public tier (forum_site/public_cache.py) stores each page with the numbers of
the generations it depends on, and serves it only while they are unchanged:

- a forum's own pages (agenda, sessions, feeds, iCal, exports) depend on its forum's
  generation, `forum(slug)`;
- pages that span forums (forum list, speakers, topics, quotes, the CMS's pages) depend
  on FORUMS, which every forum's change also bumps;
- every page depends on SITE: speakers, organizations, topics, venues, CMS content,
  everything that is not one forum's.

Writes bump what they touch (events/invalidation.py; bulk writers call `bump()`)
once their transaction commits: bumped before, a request could store the old rows
under the new number. Every bump also empties django CMS's page cache, which the public
tier asks on a miss: a CMS page may list forums and quotes (events/cms_plugins.py).

A page also changes with time alone, when an embargo lifts or a session ends;
`PageScope.next_change()` finds the next such moment in the data, and an entry never
outlives it.
"""

import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial

from cms.cache import invalidate_cms_page_cache
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Min, Q
from django.utils import timezone

SITE = "site"
FORUMS = "forums"
# The plugins of events/cms_plugins.py that django CMS may cache (_SameForEveryone).
CMS_PLUGINS_SAME_FOR_EVERYONE = ("ForumListPlugin", "LatestQuotesPlugin")
_PREFIX = "public-generation:"


def forum(slug):
    return f"forum:{slug}"


def key(name):
    """The cache key of generation `name`."""
    return _PREFIX + name


def numbers(names, found):
    """(number of each of `names`), from `found` (a get_many() of their keys) where there.

    A generation the cache lacks (never bumped, or evicted) starts afresh at the current
    time in nanoseconds: later than any number it can have had, so that no entry stored
    under an earlier number can match again.
    """
    values = []
    for name in names:
        value = found.get(key(name))
        if value is None:
            cache.add(key(name), _fresh(), timeout=None)
            value = cache.get(key(name))
        values.append(value)
    return tuple(values)


def bump(*names):
    """Change generations `names` once the current transaction commits (now, outside one)."""
    transaction.on_commit(partial(_bump_now, names))


def _bump_now(names):
    for name in names:
        if cache.add(key(name), _fresh(), timeout=None):
            continue  # it was missing: the fresh number is already a new one
        try:
            cache.incr(key(name))
        except ValueError:  # evicted since add()
            cache.add(key(name), _fresh(), timeout=None)
    # After the numbers: a page the CMS kept before this has gone, and one it keeps from
    # what it read before the write is found out by the public tier (changed_since()).
    forget_cms_pages()


def _fresh():
    return time.time_ns()


def forget_cms_pages():
    """Make django CMS render its pages afresh: its page cache, and its cache of each
    placeholder holding a plugin that lists forums or quotes (events/cms_plugins.py),
    which it would otherwise empty only when that placeholder is edited."""
    from cms.cache.placeholder import clear_placeholder_cache
    from cms.models import CMSPlugin

    invalidate_cms_page_cache()
    plugins = CMSPlugin.objects.filter(plugin_type__in=CMS_PLUGINS_SAME_FOR_EVERYONE)
    for placeholder, language in {
        (p.placeholder, p.language) for p in plugins.select_related("placeholder")
    }:
        clear_placeholder_cache(placeholder, language, settings.SITE_ID)


def next_change_across_forums(request):
    """PageScope(None).next_change(now), worked out once per request: each plugin that
    lists forums or quotes asks it, twice per page."""
    if not hasattr(request, "_next_change_across_forums"):
        request._next_change_across_forums = PageScope(None).next_change(timezone.now())
    return request._next_change_across_forums


@dataclass(frozen=True)
class PageScope:
    """What a public page depends on: the forum it belongs to (None: it spans forums)."""

    forum_slug: str | None

    @property
    def names(self):
        if self.forum_slug is None:
            return (SITE, FORUMS)
        return (SITE, forum(self.forum_slug))

    def next_change(self, now):
        """The first moment after `now` when the page may change with no write: an embargo
        lifting on a session or quote it may show and, for pages across forums, a session
        ending (upcoming becomes past) or midnight (today's forums and titles). None: never.
        """
        from events.models import Quote, Session

        sessions, quotes = Session.objects.all(), Quote.objects.all()
        if self.forum_slug is not None:
            sessions = sessions.filter(forum__slug=self.forum_slug)
            quotes = quotes.filter(forum__slug=self.forum_slug)
        later = Q(embargo_until__gt=now)
        session_moments = {"lift": Min("embargo_until", filter=later)}
        if self.forum_slug is None:
            session_moments["end"] = Min("ends_at", filter=Q(ends_at__gt=now))
        moments = [
            *sessions.aggregate(**session_moments).values(),
            # WHERE, not FILTER: the quote_embargo_lift index answers it.
            quotes.filter(later).aggregate(lift=Min("embargo_until"))["lift"],
        ]
        if self.forum_slug is None:
            moments.append(_next_midnight(now))
        return min((m for m in moments if m is not None), default=None)


def _next_midnight(now):
    local = timezone.localtime(now)
    tomorrow = local.date() + timedelta(days=1)
    return datetime.combine(tomorrow, datetime.min.time(), tzinfo=local.tzinfo)


def scope_of(match):
    """The PageScope of the page `match` (a ResolverMatch) resolved to.

    The `events` URLs that name a forum (slug, or forum_slug for its sessions) are its
    own pages; every other page spans forums.
    """
    if match.namespace == "events":
        slug = match.kwargs.get("forum_slug") or match.kwargs.get("slug")
        if slug:
            return PageScope(slug)
    return PageScope(None)
