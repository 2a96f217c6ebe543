"""Plugins organizers place on any CMS page.

render() only asks a QuerySet method (named after the plugin) for what to show; that
method goes through visible_to. Their output depends on visibility and time (embargoes
end, quotes are retracted), so the CMS must never cache it: `cache = False`.
"""

from cms.plugin_base import CMSPluginBase
from cms.plugin_pool import plugin_pool
from django.utils.translation import gettext_lazy as _

from events.models import (
    FeaturedQuotePluginConfig,
    Quote,
    Session,
    UpcomingSessionsPluginConfig,
)
from events.public.views.common import attach_participants, localize


class _EventsPlugin(CMSPluginBase):
    module = _("Forums")
    cache = False


@plugin_pool.register_plugin
class UpcomingSessionsPlugin(_EventsPlugin):
    model = UpcomingSessionsPluginConfig
    name = _("Upcoming sessions")
    render_template = "events/plugins/upcoming_sessions.html"

    def render(self, context, instance, placeholder):
        user = context["request"].user
        sessions = Session.objects.for_upcoming_plugin(user, instance.count)
        context["sessions"] = [attach_participants(localize(s, s.forum)) for s in sessions]
        return super().render(context, instance, placeholder)


@plugin_pool.register_plugin
class FeaturedQuotePlugin(_EventsPlugin):
    model = FeaturedQuotePluginConfig
    name = _("Featured quote")
    render_template = "events/plugins/featured_quote.html"
    raw_id_fields = ["quote"]

    def render(self, context, instance, placeholder):
        user = context["request"].user
        quote = Quote.objects.for_featured_quote_plugin(user, instance.quote_id)
        if quote is not None:
            quote.url = quote.get_absolute_url()
        context["quote"] = quote
        return super().render(context, instance, placeholder)
