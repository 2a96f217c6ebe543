"""Apphooks: the public pages hang under CMS pages, so organizers can move or rename them.

The speaker pages show sessions and quotes, so they live here in `events` (which knows
both), under their own `speakers` namespace; `speakers` imports nothing of ours.
"""

from cms.app_base import CMSApp
from cms.apphook_pool import apphook_pool
from django.utils.translation import gettext_lazy as _

from events.public import urls


@apphook_pool.register
class ForumsApphook(CMSApp):
    name = _("Forums: agendas, sessions and quotes")
    app_name = "events"

    def get_urls(self, page=None, language=None, **kwargs):
        return ["events.urls"]


@apphook_pool.register
class SpeakersApphook(CMSApp):
    name = _("Speakers")
    app_name = "speakers"

    def get_urls(self, page=None, language=None, **kwargs):
        return [urls.speaker_patterns]


@apphook_pool.register
class TopicsApphook(CMSApp):
    name = _("Topics")
    app_name = "topics"

    def get_urls(self, page=None, language=None, **kwargs):
        return [urls.topic_patterns]


@apphook_pool.register
class PressApphook(CMSApp):
    name = _("Press room: quote search, citations and exports")
    app_name = "press"

    def get_urls(self, page=None, language=None, **kwargs):
        return ["events.press.urls"]
