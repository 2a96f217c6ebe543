"""Sitemap sections for the public app objects, in every language with hreflang alternates.

Every section asks the `visible_to` querysets as an anonymous visitor: search engines
see what the public sees, never drafts, embargoed or retracted items.
"""

from django.contrib.auth.models import AnonymousUser
from django.contrib.sitemaps import Sitemap

from events.models import Forum, PanelTopic, Quote, Session
from speakers.models import Speaker


class PublicSitemap(Sitemap):
    i18n = True
    alternates = True

    def location(self, obj):
        # Called inside translation.override(language), so the URL carries its prefix.
        return obj.get_absolute_url()


class ForumSitemap(PublicSitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return Forum.objects.visible_to(AnonymousUser()).order_by("pk")


class SessionSitemap(PublicSitemap):
    def items(self):
        return Session.objects.visible_to(AnonymousUser()).select_related("forum").order_by("pk")


class SpeakerSitemap(PublicSitemap):
    def items(self):
        return Speaker.objects.visible_to(AnonymousUser()).order_by("pk")


class TopicSitemap(PublicSitemap):
    def items(self):
        return PanelTopic.objects.for_topic_list(AnonymousUser()).order_by("pk")


class QuoteSitemap(PublicSitemap):
    priority = 0.4

    def items(self):
        return Quote.objects.visible_to(AnonymousUser()).only("pk", "updated_at").order_by("pk")

    def lastmod(self, quote):
        return quote.updated_at


SECTIONS = {
    "forums": ForumSitemap,
    "sessions": SessionSitemap,
    "speakers": SpeakerSitemap,
    "topics": TopicSitemap,
    "quotes": QuoteSitemap,
}
