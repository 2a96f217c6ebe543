"""RSS and Atom feeds: a forum's sessions, and new verified quotes.

Feed readers never log in, so feeds show what the public sees (AnonymousUser), whoever
fetches them. Descriptions are HTML: plain text is escaped here, rich text was sanitized
(nh3) when it was saved.
"""

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils import formats
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape, format_html
from django.utils.translation import gettext as _

from events.models import Forum, Quote, Session
from events.public.views.common import prepare_rows, session_when


class ForumSessionsFeed(Feed):
    def get_object(self, request, slug):
        forum = Forum.objects.visible_to(AnonymousUser()).filter(slug=slug).first()
        if forum is None:
            raise Http404
        return forum

    def title(self, forum):
        return _("Sessions: %(forum)s") % {"forum": forum}

    def link(self, forum):
        return forum.get_absolute_url()

    def description(self, forum):
        return _("The agenda of %(forum)s, session by session.") % {"forum": forum}

    def items(self, forum):
        return prepare_rows(Session.objects.for_forum_feed(forum), forum)

    def item_title(self, session):
        if session.is_cancelled:
            return _("Cancelled: %(session)s") % {"session": session}
        return str(session)

    def item_link(self, session):
        return session.url

    def item_guid(self, session):
        return f"urn:uuid:{session.guid}"

    item_guid_is_permalink = False

    def item_description(self, session):
        when = format_html(
            "<p>{}{}</p>",
            session_when(session),
            f" · {session.room.name}" if session.room else "",
        )
        people = ", ".join(escape(p.speaker.display_name) for p in session.visible_participants)
        people_html = f"<p>{people}</p>" if people else ""
        return when + people_html + (session.abstract or "")

    def item_categories(self, session):
        return [str(topic) for topic in session.topic_list]


class ForumSessionsAtomFeed(ForumSessionsFeed):
    feed_type = Atom1Feed
    subtitle = ForumSessionsFeed.description


class QuotesFeed(Feed):
    def title(self):
        return _("New quotes")

    def link(self):
        return reverse("events:forum-list")

    def description(self):
        return _("Verified quotes from the speakers at our forums, newest first.")

    def items(self):
        return Quote.objects.for_quote_feed()

    def item_title(self, quote):
        return quote.attribution

    def item_link(self, quote):
        return quote.get_absolute_url()

    def item_description(self, quote):
        # Quote text is plain text: readers render descriptions as HTML. said_on is the
        # date where the forum is held, as the agenda reads it.
        said = _("Said at %(forum)s on %(date)s.") % {
            "forum": quote.forum,
            "date": formats.date_format(quote.said_on, "DATE_FORMAT"),
        }
        return format_html("<blockquote><p>{}</p></blockquote><p>{}</p>", quote.text, said)

    def item_pubdate(self, quote):
        """When the quote became public (for_quote_feed()), not when the feed was read."""
        return quote.published_at

    def item_updateddate(self, quote):
        return max(quote.updated_at, quote.published_at)


class QuotesAtomFeed(QuotesFeed):
    feed_type = Atom1Feed
    subtitle = QuotesFeed.description
