"""Plugins organizers place on any CMS page.

render() only asks a QuerySet method (named after the plugin) for what to show; that
method goes through visible_to. Most plugins' output depends on who looks (press staff
see embargoed sessions and quotes) and on time, so the CMS must never cache it:
`cache = False`. That also keeps the featured quote's render running for every press user
who is shown an embargoed one, which it notes as seen (events/press/seen.py). A page
holding one of them gets django CMS's never-cache headers, so the public tier
(forum_site/public_cache.py) does not store it either: every visit renders it.

Forums and Latest quotes show every visitor the same public forums and quotes, so the
CMS may keep them (`_SameForEveryone`): a page holding them, the starter home page among
them, is stored like any other. Every write empties django CMS's caches of them
(events.generations), and they expire by the next embargo lift or midnight.
"""

from cms.plugin_base import CMSPluginBase
from cms.plugin_pool import plugin_pool
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events import generations
from events.models import (
    EmbargoView,
    FeaturedQuotePluginConfig,
    Forum,
    ForumAgendaPluginConfig,
    ForumListPluginConfig,
    LatestQuotesPluginConfig,
    PanelTopic,
    Quote,
    Session,
    SpeakerGridPluginConfig,
    TopicSessionsPluginConfig,
    UpcomingSessionsPluginConfig,
)
from events.press.seen import note_embargoed_quotes_seen
from events.public.rows import speaker_cards
from events.public.views.common import RowLabels, group_by_day, prepare_rows, zone_label
from speakers.models import Speaker


class _EventsPlugin(CMSPluginBase):
    module = _("Forums")
    cache = False


class _SameForEveryone(_EventsPlugin):
    cache = True

    def get_cache_expiration(self, request, instance, placeholder):
        """Until the listed forums or quotes change with time alone; None: no such moment."""
        return generations.next_change_across_forums(request)


@plugin_pool.register_plugin
class UpcomingSessionsPlugin(_EventsPlugin):
    model = UpcomingSessionsPluginConfig
    name = _("Upcoming sessions")
    render_template = "events/plugins/upcoming_sessions.html"

    def render(self, context, instance, placeholder):
        user = context["request"].user
        sessions = Session.objects.for_upcoming_plugin(user, instance.count)
        context["sessions"] = prepare_rows(sessions)
        return super().render(context, instance, placeholder)


@plugin_pool.register_plugin
class ForumListPlugin(_SameForEveryone):
    model = ForumListPluginConfig
    name = _("Forums")
    render_template = "events/plugins/forum_list.html"

    def render(self, context, instance, placeholder):
        forums = Forum.objects.for_forum_list_plugin(instance.count, timezone.localdate())
        for forum in forums:
            forum.url = forum.get_absolute_url()
        context["forums"] = forums
        return super().render(context, instance, placeholder)


@plugin_pool.register_plugin
class LatestQuotesPlugin(_SameForEveryone):
    model = LatestQuotesPluginConfig
    name = _("Latest quotes")
    render_template = "events/plugins/latest_quotes.html"

    def render(self, context, instance, placeholder):
        quotes = list(Quote.objects.for_latest_quotes_plugin(instance.count))
        for quote in quotes:
            quote.url = quote.get_absolute_url()
        context["quotes"] = quotes
        return super().render(context, instance, placeholder)


@plugin_pool.register_plugin
class FeaturedQuotePlugin(_EventsPlugin):
    model = FeaturedQuotePluginConfig
    name = _("Featured quote")
    render_template = "events/plugins/featured_quote.html"
    raw_id_fields = ["quote"]

    def render(self, context, instance, placeholder):
        request = context["request"]
        at = timezone.now()
        quote = Quote.objects.for_featured_quote_plugin(request.user, instance.quote_id)
        if quote is not None:
            quote.url = quote.get_absolute_url()
            # A page may feature several: the request writes them in one INSERT.
            surface = EmbargoView.Surface.FEATURED_QUOTE
            note_embargoed_quotes_seen(request, quotes=[quote], at=at, surface=surface)
        context["quote"] = quote
        return super().render(context, instance, placeholder)


@plugin_pool.register_plugin
class ForumAgendaPlugin(_EventsPlugin):
    model = ForumAgendaPluginConfig
    name = _("Forum agenda")
    render_template = "events/plugins/forum_agenda.html"

    def render(self, context, instance, placeholder):
        user = context["request"].user
        forum = Forum.objects.for_embedded_agenda(user).filter(pk=instance.forum_id).first()
        context["forum"] = forum
        if forum is not None:
            forum.url = forum.get_absolute_url()
            sessions = Session.objects.for_agenda_plugin(user, forum, instance.day)
            context["days"] = group_by_day(prepare_rows(sessions, forum))
            context["zone_label"] = zone_label(forum)
            # Day headings need ids unique on the page, which may hold several agendas.
            context["id_prefix"] = f"agenda-{instance.pk}-"
        return super().render(context, instance, placeholder)


class SpeakerGridForm(forms.ModelForm):
    class Meta:
        model = SpeakerGridPluginConfig
        fields = ["forum", "speakers"]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("forum") and not cleaned.get("speakers"):
            raise forms.ValidationError(_("Choose a forum, some speakers, or both."))
        return cleaned


@plugin_pool.register_plugin
class SpeakerGridPlugin(_EventsPlugin):
    model = SpeakerGridPluginConfig
    form = SpeakerGridForm
    name = _("Speaker grid")
    render_template = "events/plugins/speaker_grid.html"
    # Plain widgets, not autocomplete: editors place plugins without access to the agenda admin.
    filter_horizontal = ["speakers"]

    def render(self, context, instance, placeholder):
        user = context["request"].user
        forum = None
        if instance.forum_id:
            forum = Forum.objects.visible_to(user).filter(pk=instance.forum_id).first()
        chosen = instance.speakers.all()
        if chosen.exists():
            speakers = Speaker.objects.for_speaker_grid_plugin(user, chosen=chosen)
        elif forum is not None:
            sessions = Session.objects.for_speaker_grid_plugin(user, forum)
            speakers = Speaker.objects.for_speaker_grid_plugin(user, appearing_in=sessions)
        else:
            speakers = Speaker.objects.none()
        # Titles as held at the forum (its first day), else today's.
        day = forum.start_date if forum else timezone.localdate()
        context["forum"] = forum
        context["speakers"] = speaker_cards(speakers, day, RowLabels())
        return super().render(context, instance, placeholder)


@plugin_pool.register_plugin
class TopicSessionsPlugin(_EventsPlugin):
    model = TopicSessionsPluginConfig
    name = _("Sessions on a topic")
    render_template = "events/plugins/topic_sessions.html"

    def render(self, context, instance, placeholder):
        user = context["request"].user
        sessions = list(Session.objects.for_topic_plugin(user, instance.topic_id, instance.count))
        context["sessions"] = prepare_rows(sessions)
        # Like the topic page: a topic nothing visible is filed under is not even named.
        topic = None
        if sessions:
            topic = PanelTopic.objects.prefetch_related("translations").get(pk=instance.topic_id)
            topic.url = topic.get_absolute_url()
        context["topic"] = topic
        return super().render(context, instance, placeholder)
